package dev.conveyor.launcher;

import static dev.conveyor.launcher.FaultInjection.assertOneHolderAtATime;
import static dev.conveyor.launcher.FaultInjection.movesTo;
import static dev.conveyor.launcher.ConveyorApi.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.launcher.ConveyorApi.Response;
import dev.conveyor.launcher.ConveyorApi.Transition;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.RestartablePostgres;
import dev.conveyor.testsupport.TestPostgres;
import dev.conveyor.worker.consume.JobIntake;
import dev.conveyor.worker.execution.ExecutionSlots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker and the database going away under a running system and coming back, without restarting
 * any service: a Kafka broker process this test stops and restarts, and a PostgreSQL job store
 * ({@link RestartablePostgres}) it stops and restarts on the same port. Every service runs in this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfrastructureFailureIT {

    private static final Logger log = LoggerFactory.getLogger(InfrastructureFailureIT.class);

    private KafkaBrokerProcess kafka;
    private RestartablePostgres postgres;
    private ConveyorSystem system;
    private ConveyorApi api;

    @BeforeAll
    void startSystem() {
        kafka = KafkaBrokerProcess.start();
        postgres = RestartablePostgres.start();
        TestPostgres.Database warehouse = TestPostgres.newDatabase();
        Map<String, Object> shared = FaultInjection.shared(postgres.jdbcUrl(), postgres.username(),
                postgres.password(), kafka.bootstrapServers());
        system = ConveyorSystem.start(shared, Map.of(Service.WORKER,
                FaultInjection.worker("infra-1", "conveyor-workers", List.of(), 8, warehouse)));
        api = new ConveyorApi(system.port(Service.FRONTEND), "default");
    }

    @AfterAll
    void stopSystem() {
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(system);
        resources.add(kafka);
        resources.add(postgres);
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                log.warn("Cleanup of {} failed", resource, e);
            }
        }
    }

    /** The worker's intake as it stands, so a wait that times out says whether the worker stopped consuming. */
    private String intake() {
        var worker = system.context(Service.WORKER);
        JobIntake intake = worker.getBean(JobIntake.class);
        ExecutionSlots slots = worker.getBean(ExecutionSlots.class);
        return "jobs by state (worker intake: pause requested " + intake.isPauseRequested() + ", container paused "
                + intake.isContainerPaused() + ", slots free " + slots.free() + " of " + slots.capacity() + ")";
    }

    @Test
    void every_job_accepted_while_kafka_is_down_succeeds_once_it_is_back() {
        // GIVEN jobs running on the worker
        List<String> ids = new CopyOnWriteArrayList<>();
        List<String> running = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            running.add(accepted(api.submit("sleep", Map.of("seconds", 2))));
        }
        ids.addAll(running);
        await("8 jobs RUNNING").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(FaultInjection.statesOf(api, running)).as(intake())
                        .containsOnlyKeys("RUNNING"));

        // WHEN the broker is stopped for at least 10 s while clients keep submitting
        long stopped = System.nanoTime();
        kafka.stop();
        List<Response> answers = new CopyOnWriteArrayList<>();
        Duration outage;
        try {
            await("the API accepts every job for 10 s while Kafka is down").during(Duration.ofSeconds(10))
                    .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        Response answer = api.submit("noop", Map.of());
                        answers.add(answer);
                        if (answer.status() == 202) {
                            ids.add(answer.id());
                        }
                        return answers.stream().allMatch(each -> each.status() == 202);
                    });
            // the jobs that were running finished meanwhile: their outcome is stored, not sent
            assertThat(FaultInjection.statesOf(api, running)).as("jobs running when Kafka went down")
                    .containsOnlyKeys("SUCCEEDED");
        } finally {
            outage = Duration.ofNanos(System.nanoTime() - stopped);
            kafka.restart();
        }
        log.info("Scenario Kafka down: {} POSTs answered 202 during an outage of {} (restart took {})",
                answers.size(), outage, Duration.ofNanos(System.nanoTime() - stopped).minus(outage));
        assertThat(outage).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(answers).hasSizeGreaterThan(10);
        for (int i = 0; i < 5; i++) {
            ids.add(accepted(api.submit("noop", Map.of())));
        }

        // THEN every accepted job SUCCEEDS, exactly once
        long back = System.nanoTime();
        await("every accepted job SUCCEEDED").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(FaultInjection.statesOf(api, ids)).as(intake())
                        .containsOnlyKeys("SUCCEEDED"));
        log.info("Scenario Kafka down: all {} jobs SUCCEEDED {} after the restart", ids.size(),
                Duration.ofNanos(System.nanoTime() - back));
        for (String id : ids) {
            List<Transition> history = api.history(id);
            assertOneHolderAtATime(id, history);
            assertThat(movesTo(history, "SUCCEEDED")).as("SUCCEEDED moves of %s: %s", id, history).isEqualTo(1);
        }
    }

    @Test
    void the_api_answers_503_while_the_database_is_down_and_every_accepted_job_succeeds_after() {
        // GIVEN accepted jobs, some of them running
        List<String> ids = new CopyOnWriteArrayList<>();
        List<String> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(accepted(api.submit("sleep", Map.of("seconds", 2))));
            ids.add(accepted(api.submit("noop", Map.of())));
        }
        ids.addAll(running);
        await("sleep jobs RUNNING").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(FaultInjection.statesOf(api, running)).as(intake())
                        .containsOnlyKeys("RUNNING"));

        // WHEN the job store stops
        long stopped = System.nanoTime();
        postgres.stop();
        List<Response> answers = new CopyOnWriteArrayList<>();
        Duration outage;
        try {
            // THEN every submission is refused with a problem, none is accepted
            await("every POST answered 503 while the database is down").during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        answers.add(api.submit("noop", Map.of()));
                        return answers.stream().allMatch(answer -> answer.status() == 503
                                && answer.contentType().startsWith("application/problem+json"));
                    });
        } finally {
            outage = Duration.ofNanos(System.nanoTime() - stopped);
            postgres.restart();
        }
        log.info("Scenario database down: {} POSTs answered 503 during an outage of {}", answers.size(), outage);
        assertThat(answers).as("answers during the outage").isNotEmpty()
                .noneMatch(answer -> answer.status() == 202)
                .allSatisfy(answer -> {
                    assertThat(answer.status()).isEqualTo(503);
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                    assertThat(answer.body().path("status").asInt()).isEqualTo(503);
                });

        // AND once it is back the services recover by themselves
        long back = System.nanoTime();
        await("the API accepts jobs again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Response answer = api.submit("noop", Map.of());
                    if (answer.status() == 202) {
                        ids.add(answer.id());
                    }
                    return answer.status() == 202;
                });
        log.info("Scenario database down: API accepting again {} after the restart",
                Duration.ofNanos(System.nanoTime() - back));
        for (int i = 0; i < 5; i++) {
            ids.add(accepted(api.submit("noop", Map.of())));
        }
        await("every accepted job SUCCEEDED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(FaultInjection.statesOf(api, ids)).as(intake())
                        .containsOnlyKeys("SUCCEEDED"));
        log.info("Scenario database down: all {} jobs SUCCEEDED {} after the restart", ids.size(),
                Duration.ofNanos(System.nanoTime() - back));
        for (String id : ids) {
            List<Transition> history = api.history(id);
            assertOneHolderAtATime(id, history);
            assertThat(movesTo(history, "SUCCEEDED")).as("SUCCEEDED moves of %s: %s", id, history).isEqualTo(1);
        }
    }
}
