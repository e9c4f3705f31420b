package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.frontend.FrontendApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Group commit of {@code POST /api/v1/jobs}. The tests hold a SHARE lock on the job table, so the
 * batch being written waits for it and every other request queues up behind it: which requests share
 * a statement is then decided by the test, not by timing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=frontend,application", "conveyor.frontend.submission.writers=1"})
class SubmissionBatchingIT extends FrontendApiTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    void setUp() {
        jobTypes.register("noop", OPEN_SCHEMA, "Does nothing", "test");
    }

    @Test
    void writes_concurrent_submissions_in_fewer_statements_and_answers_each_only_after_its_commit() throws Exception {
        int requests = 60;
        String run = UUID.randomUUID().toString();
        double batchesBefore = batches();
        double batchedBefore = batchedJobs();
        List<HttpResponse<String>> responses = new ArrayList<>();

        try (Connection lock = dataSource.getConnection(); ExecutorService clients = Executors.newFixedThreadPool(requests)) {
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            try {
                lockJobTable(lock);
                for (int i = 0; i < requests; i++) {
                    int n = i;
                    pending.add(clients.submit(() -> api.post("/api/v1/jobs", "{\"type\": \"noop\", \"labels\": {\"run\": \""
                            + run + "\", \"n\": \"" + n + "\"}}", Map.of())));
                }
                // GIVEN every request is in the batch the lock holds up or waits for the next one
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> batchedJobs() - batchedBefore + waiting() == requests);

                // THEN nobody has an answer while nothing is committed
                assertThat(pending).noneMatch(Future::isDone);
                assertThat(stored(run)).isZero();
            } finally {
                lock.rollback();
            }
            for (Future<HttpResponse<String>> response : pending) {
                responses.add(response.get());
            }
        }

        Set<UUID> ids = new HashSet<>();
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            ids.add(UUID.fromString(api.json(response).get("id").asString()));
        }
        assertThat(ids).hasSize(requests);
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job WHERE id = ANY(?) AND state = 'SUBMITTED'")
                .param(new SqlArrayValue("uuid", ids.toArray())).query(Long.class).single()).isEqualTo(requests);
        // the batch the lock held up, then everyone who queued behind it
        assertThat(batches() - batchesBefore).isBetween(1.0, 2.0);
    }

    @Test
    void gives_requests_sharing_an_idempotency_key_in_one_batch_exactly_one_job() throws Exception {
        String key = "shared-" + UUID.randomUUID();
        String body = "{\"type\": \"noop\", \"params\": {\"day\": \"2026-11-23\"}}";
        int requests = 12;
        List<HttpResponse<String>> responses = new ArrayList<>();

        try (Connection lock = dataSource.getConnection(); ExecutorService clients = Executors.newFixedThreadPool(requests + 1)) {
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            Future<HttpResponse<String>> decoy;
            try {
                lockJobTable(lock);
                // GIVEN one unrelated job is being written (and held up by the lock) ...
                double batchedBefore = batchedJobs();
                decoy = clients.submit(() -> api.post("/api/v1/jobs", "{\"type\": \"noop\"}", Map.of()));
                await().atMost(Duration.ofSeconds(30)).until(() -> batchedJobs() - batchedBefore == 1 && waiting() == 0);
                // ... so that every request with the key queues for the same next batch
                for (int i = 0; i < requests; i++) {
                    pending.add(clients.submit(() -> api.post("/api/v1/jobs", body, Map.of("Idempotency-Key", key))));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> waiting() == requests);
            } finally {
                lock.rollback();
            }
            assertThat(decoy.get().statusCode()).isEqualTo(202);
            for (Future<HttpResponse<String>> response : pending) {
                responses.add(response.get());
            }
        }

        Set<String> ids = new HashSet<>();
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
            ids.add(api.json(response).get("id").asString());
        }
        assertThat(ids).hasSize(1);
        assertThat(responses).filteredOn(response -> response.statusCode() == 202).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job WHERE idempotency_key = ?").param(key)
                .query(Long.class).single()).isEqualTo(1L);

        HttpResponse<String> different = api.post("/api/v1/jobs", "{\"type\": \"noop\", \"params\": {\"day\": \"other\"}}",
                Map.of("Idempotency-Key", key));
        assertThat(different.statusCode()).isEqualTo(409);
    }

    @Test
    void keeps_a_job_the_database_refuses_from_failing_the_others_of_its_batch() throws Exception {
        String run = UUID.randomUUID().toString();
        String good = "{\"type\": \"noop\", \"labels\": {\"run\": \"" + run + "\"}}";
        // valid JSON that jsonb refuses: PostgreSQL stores no NUL character in text
        String refused = "{\"type\": \"noop\", \"params\": {\"text\": \"a\\u0000b\"}, \"labels\": {\"run\": \"" + run + "\"}}";
        List<Future<HttpResponse<String>>> goods = new ArrayList<>();
        Future<HttpResponse<String>> bad;

        try (Connection lock = dataSource.getConnection(); ExecutorService clients = Executors.newFixedThreadPool(8)) {
            try {
                lockJobTable(lock);
                double batchedBefore = batchedJobs();
                clients.submit(() -> api.post("/api/v1/jobs", "{\"type\": \"noop\"}", Map.of()));
                await().atMost(Duration.ofSeconds(30)).until(() -> batchedJobs() - batchedBefore == 1 && waiting() == 0);
                // GIVEN the refused job queues for the same batch as five good ones
                for (int i = 0; i < 5; i++) {
                    goods.add(clients.submit(() -> api.post("/api/v1/jobs", good, Map.of())));
                }
                bad = clients.submit(() -> api.post("/api/v1/jobs", refused, Map.of()));
                await().atMost(Duration.ofSeconds(30)).until(() -> waiting() == 6);
            } finally {
                lock.rollback();
            }

            // THEN only the refused one fails
            for (Future<HttpResponse<String>> response : goods) {
                assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
            }
            assertThat(bad.get().statusCode()).isNotEqualTo(202);
            api.problem(bad.get());
        }
        assertThat(stored(run)).isEqualTo(5);
    }

    private static void lockJobTable(Connection connection) throws Exception {
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            // conflicts with the ROW EXCLUSIVE lock an INSERT takes, and with nothing else the API does
            statement.execute("LOCK TABLE conveyor.job IN SHARE MODE");
        }
    }

    private double batches() {
        return meters.get("conveyor.submissions.batches").counter().count();
    }

    private double batchedJobs() {
        return meters.get("conveyor.submissions.batch.size").summary().totalAmount();
    }

    private double waiting() {
        return meters.get("conveyor.submissions.waiting").gauge().value();
    }

    private long stored(String run) {
        return jdbc.sql("SELECT count(*) FROM conveyor.job WHERE labels->>'run' = ?").param(run)
                .query(Long.class).single();
    }
}
