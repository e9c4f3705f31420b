package dev.conveyor.launcher;

import static dev.conveyor.launcher.FaultInjection.assertOneHolderAtATime;
import static dev.conveyor.launcher.FaultInjection.movesTo;
import static dev.conveyor.launcher.ConveyorApi.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.launcher.ConveyorApi.Transition;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Retries with backoff, dead letters and their replay, and idempotent submission under concurrency,
 * with every service in this JVM against a real PostgreSQL (job store and warehouse) and a real Kafka
 * broker process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryAndIdempotencyIT {

    private static final Logger log = LoggerFactory.getLogger(RetryAndIdempotencyIT.class);

    private KafkaBrokerProcess kafka;
    private TestPostgres.Database store;
    private TestPostgres.Database warehouse;
    private ConveyorSystem system;
    private ConveyorApi api;

    @BeforeAll
    void startSystem() {
        kafka = KafkaBrokerProcess.start();
        store = TestPostgres.newDatabase();
        warehouse = TestPostgres.newDatabase();
        Map<String, Object> shared = FaultInjection.shared(store, kafka.bootstrapServers());
        system = ConveyorSystem.start(shared, Map.of(Service.WORKER,
                FaultInjection.worker("retry-1", "conveyor-workers", List.of(), 4, warehouse)));
        api = new ConveyorApi(system.port(Service.FRONTEND), "default");
    }

    @AfterAll
    void stopSystem() {
        try {
            if (system != null) {
                system.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void a_job_that_fails_twice_with_a_transient_error_succeeds_on_its_third_attempt() throws Exception {
        // GIVEN SQL that raises a serialization failure (SQLSTATE 40001, retryable) on its first two runs
        FaultInjection.execute(warehouse, "CREATE SEQUENCE flaky_1");
        String flaky = """
                DO $$
                BEGIN
                  IF nextval('flaky_1') < 3 THEN
                    RAISE EXCEPTION 'flaky_1 not yet' USING ERRCODE = 'serialization_failure';
                  END IF;
                END
                $$""";

        // WHEN it is submitted with three attempts
        long start = System.nanoTime();
        String id = accepted(api.submit("sql", Map.of("sql", flaky), Map.of("maxAttempts", 3), Map.of()));

        // THEN it ends SUCCEEDED on attempt 3, and its history keeps the errors of attempts 1 and 2
        JsonNode job = awaitEnd(id, Duration.ofSeconds(30));
        log.info("Scenario retry: SUCCEEDED on attempt {} after {} ms", job.path("attempt"),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertThat(job.path("state").asString()).as("job %s", job).isEqualTo("SUCCEEDED");
        assertThat(job.path("attempt").asInt()).isEqualTo(3);
        List<Transition> history = api.history(id);
        assertOneHolderAtATime(id, history);
        assertThat(history).filteredOn(move -> "RUNNING".equals(move.from()))
                .extracting(Transition::to, Transition::attempt)
                .containsExactly(
                        tuple("SCHEDULED", 1),
                        tuple("SCHEDULED", 2),
                        tuple("SUCCEEDED", 3));
        assertThat(history).filteredOn(move -> "SCHEDULED".equals(move.to()) && "RUNNING".equals(move.from()))
                .extracting(Transition::message)
                .allSatisfy(error -> assertThat(error).contains("flaky_1 not yet"));
        assertThat(FaultInjection.count(warehouse, "SELECT last_value FROM flaky_1")).as("runs").isEqualTo(3);
    }

    @Test
    void a_job_failing_on_every_attempt_is_dead_lettered_and_replays_once_fixed() throws Exception {
        // GIVEN SQL that fails with a retryable error for as long as its target table is missing
        List<String> statements = List.of("""
                DO $$
                BEGIN
                  IF to_regclass('replayed') IS NULL THEN
                    RAISE EXCEPTION 'table replayed is missing' USING ERRCODE = 'serialization_failure';
                  END IF;
                END
                $$""", "INSERT INTO replayed (job_id) VALUES (:jobId)");

        // WHEN it is submitted with two attempts
        String id = accepted(api.submit("sql", Map.of("statements", statements), Map.of("maxAttempts", 2), Map.of()));

        // THEN both attempts fail, it ends FAILED and is listed as a dead letter
        JsonNode failed = awaitEnd(id, Duration.ofSeconds(30));
        assertThat(failed.path("state").asString()).as("job %s", failed).isEqualTo("FAILED");
        assertThat(failed.path("attempt").asInt()).isEqualTo(2);
        assertThat(failed.path("error").asString()).contains("table replayed is missing");
        assertThat(api.history(id)).filteredOn(move -> "RUNNING".equals(move.from()))
                .extracting(Transition::to).containsExactly("SCHEDULED", "FAILED");
        JsonNode deadLetters = api.get("/api/v1/dead-letters?type=sql&limit=500").body();
        assertThat(deadLetters.path("items").valueStream()
                .filter(letter -> id.equals(letter.path("jobId").asString())).toList())
                .singleElement()
                .satisfies(letter -> {
                    assertThat(letter.path("attempt").asInt()).isEqualTo(2);
                    assertThat(letter.path("error").asString()).contains("table replayed is missing");
                });

        // WHEN the cause is fixed and the job is replayed
        FaultInjection.execute(warehouse, "CREATE TABLE replayed (job_id text NOT NULL)");
        ConveyorApi.Response retry = api.retry(id);
        assertThat(retry.status()).as("retry answered %s", retry.body()).isEqualTo(202);

        // THEN it runs once more and SUCCEEDS, and is no longer a dead letter
        JsonNode replayed = awaitEnd(id, Duration.ofSeconds(30));
        assertThat(replayed.path("state").asString()).as("job %s", replayed).isEqualTo("SUCCEEDED");
        assertThat(replayed.path("attempt").asInt()).isEqualTo(3);
        List<Transition> history = api.history(id);
        assertOneHolderAtATime(id, history);
        assertThat(history).extracting(Transition::from, Transition::to)
                .contains(tuple("FAILED", "SUBMITTED"));
        assertThat(movesTo(history, "SUCCEEDED")).isEqualTo(1);
        assertThat(FaultInjection.count(warehouse, "SELECT count(*) FROM replayed WHERE job_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(api.get("/api/v1/dead-letters?type=sql&limit=500").body().path("items").valueStream()
                .map(letter -> letter.path("jobId").asString())).doesNotContain(id);
    }

    @Test
    void the_same_idempotency_key_sent_20_times_at_once_makes_one_job() throws Exception {
        // GIVEN one request body and one key
        String key = "nightly-" + System.nanoTime();
        Map<String, Object> params = Map.of("sql", "SELECT 1 AS one");

        // WHEN 20 clients send it at the same moment
        CountDownLatch start = new CountDownLatch(1);
        List<ConveyorApi.Response> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ConveyorApi.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(clients.submit(() -> {
                    start.await();
                    return api.submit("sql", params, Map.of(), Map.of("Idempotency-Key", key));
                }));
            }
            start.countDown();
            for (Future<ConveyorApi.Response> answer : sent) {
                answers.add(answer.get());
            }
        }

        // THEN every answer names the same job, exactly one created it, and one row exists
        assertThat(answers).as("answers").allSatisfy(answer ->
                assertThat(answer.status()).as("%s %s", answer.status(), answer.body()).isIn(200, 202));
        Set<String> ids = answers.stream().map(ConveyorApi.Response::id).collect(Collectors.toSet());
        assertThat(ids).as("job ids answered").hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 202).as("answers that created the job").hasSize(1);
        assertThat(FaultInjection.count(store,
                "SELECT count(*) FROM conveyor.job WHERE idempotency_key = '" + key + "'")).isEqualTo(1);
        String id = ids.iterator().next();
        assertThat(awaitEnd(id, Duration.ofSeconds(30)).path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(movesTo(api.history(id), "RUNNING")).as("runs of the one job").isEqualTo(1);
    }

    /** Waits until the job is in a final state (SUCCEEDED, FAILED, CANCELLED or SKIPPED) and returns it. */
    private JsonNode awaitEnd(String id, Duration atMost) {
        return await("job " + id + " finished").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> api.job(id), job -> Set.of("SUCCEEDED", "FAILED", "CANCELLED", "SKIPPED")
                        .contains(job.path("state").asString()));
    }
}
