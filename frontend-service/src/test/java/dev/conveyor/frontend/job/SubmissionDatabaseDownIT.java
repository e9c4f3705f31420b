package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.frontend.ApiTestClient;
import dev.conveyor.store.JobTypeStore;
import dev.conveyor.testsupport.RestartablePostgres;
import dev.conveyor.testsupport.TestKafka;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database goes away under concurrent submissions: every request of the failed batches is
 * answered 503 (never 202), none of their jobs exists once the database is back, and submissions
 * succeed again without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=frontend,application",
        "spring.datasource.hikari.connection-timeout=500",
        // the job type stays cached, so the requests get as far as the batch writer
        "conveyor.frontend.job-type-cache-ttl=1h"})
class SubmissionDatabaseDownIT {

    private static final RestartablePostgres postgres = RestartablePostgres.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @LocalServerPort
    int port;
    @Autowired
    JobTypeStore jobTypes;
    @Autowired
    JsonMapper mapper;

    @AfterAll
    static void stopDatabase() {
        postgres.close();
    }

    @Test
    void answers_every_request_of_a_failed_batch_with_503_and_stores_none_of_them() throws Exception {
        jobTypes.register("noop", "{\"type\": \"object\"}", "Does nothing", "test");
        ApiTestClient api = new ApiTestClient(port, mapper, TestKafka.bootstrapServers());
        String run = UUID.randomUUID().toString();
        String body = "{\"type\": \"noop\", \"labels\": {\"run\": \"" + run + "\"}}";
        assertThat(api.post("/api/v1/jobs", body, Map.of()).statusCode()).isEqualTo(202);

        postgres.stop();
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(20)) {
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pending.add(clients.submit(() -> api.post("/api/v1/jobs", body, Map.of())));
            }
            for (Future<HttpResponse<String>> response : pending) {
                responses.add(response.get());
            }
        }
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            api.problem(response);
        }

        postgres.restart();
        assertThat(storedJobs(run)).isEqualTo(1);
        // the connection pool notices the server is back on its own; a 503 meanwhile stores nothing either
        await().atMost(Duration.ofSeconds(30)).until(() -> api.post("/api/v1/jobs", body, Map.of()).statusCode() == 202);
        assertThat(storedJobs(run)).isEqualTo(2);
    }

    private static long storedJobs(String run) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
                var statement = connection.prepareStatement(
                        "SELECT count(*) FROM conveyor.job WHERE labels->>'run' = ?")) {
            statement.setString(1, run);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
