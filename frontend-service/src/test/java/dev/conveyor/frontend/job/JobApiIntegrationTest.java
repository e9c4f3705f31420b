package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobTypeStore;
import dev.conveyor.testsupport.WithRealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The job API over HTTP on a real PostgreSQL and Kafka: one application context for every class that extends this. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=frontend,application",
        "conveyor.scheduler.routes.report=conveyor.jobs.reports-special"})
@WithRealInfrastructure
@Import(JobApiIntegrationTest.BrokenEndpoint.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JobApiIntegrationTest {

    static final String SQL_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"sql": {"type": "string", "minLength": 1}, "rows": {"type": "integer", "minimum": 1}},
             "required": ["sql"], "additionalProperties": false}
            """;
    static final String OPEN_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
            """;

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    JobTypeStore jobTypes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    Environment environment;

    final HttpClient http = HttpClient.newHttpClient();

    /** A deliberate bug, to see what a 500 tells the client. */
    @RestController
    static class BrokenEndpoint {
        @GetMapping("/api/v1/broken")
        String broken() {
            throw new IllegalStateException("secret-internal-detail at db password=hunter2");
        }
    }

    @BeforeAll
    void registerJobTypes() {
        jobTypes.register("sql", SQL_SCHEMA, "Runs a query", "test");
        jobTypes.register("report", OPEN_SCHEMA, "Builds a report", "test");
        jobTypes.register("paged", OPEN_SCHEMA, "For listing tests", "test");
        jobTypes.register("echo", OPEN_SCHEMA, "Echoes", "test");
    }

    String submit(String body, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = post(body, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return mapper.readTree(response.body()).get("id").asString();
    }

    HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = mapper.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.has("title")).isTrue();
        assertThat(response.body()).doesNotContain("trace", "\tat ");
        return problem;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty("spring.kafka.bootstrap-servers"));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "frontend-it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(properties);
    }
}
