package dev.conveyor.launcher;

import static dev.conveyor.launcher.FaultInjection.assertOneHolderAtATime;
import static dev.conveyor.launcher.FaultInjection.movesTo;
import static dev.conveyor.launcher.FaultInjection.submitConcurrently;
import static dev.conveyor.launcher.ConveyorApi.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.launcher.ConveyorApi.Transition;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.ServiceProcess;
import dev.conveyor.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Workers dying, racing and being stopped, against a real PostgreSQL and a real Kafka broker
 * process. The frontend and scheduler run in this JVM; the workers that are killed or terminated run
 * in JVMs of their own ({@link ServiceProcess}), their logs under {@code target/fault-injection}.
 * Each scenario is a tenant whose jobs the scheduler routes to topics of their own, consumed by a
 * worker pool of its own, so the scenarios share one system without seeing each other's jobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerFailureIT {

    private static final Logger log = LoggerFactory.getLogger(WorkerFailureIT.class);
    private static final String NAME = WorkerFailureIT.class.getSimpleName();

    private static final String CRASH_TOPIC = "conveyor.jobs.sleep-crash";
    private static final String RACE_TOPIC = "conveyor.jobs.sql-race";
    private static final String CANCEL_SLEEP_TOPIC = "conveyor.jobs.sleep-cancel";
    private static final String CANCEL_NOOP_TOPIC = "conveyor.jobs.noop-cancel";
    private static final String DRAIN_TOPIC = "conveyor.jobs.sleep-drain";

    private static final int RACE_JOBS = 2_000;

    private WorkerProcesses processes;
    private final List<ConfigurableApplicationContext> inJvmWorkers = new CopyOnWriteArrayList<>();
    private KafkaBrokerProcess kafka;
    private TestPostgres.Database store;
    private TestPostgres.Database warehouse;
    private Map<String, Object> shared;
    private ConveyorSystem system;

    @BeforeAll
    void startSystem() throws Exception {
        kafka = KafkaBrokerProcess.start();
        store = TestPostgres.newDatabase();
        warehouse = TestPostgres.newDatabase();
        FaultInjection.execute(warehouse, "CREATE TABLE effects (job_id text NOT NULL)");

        shared = FaultInjection.shared(store, kafka.bootstrapServers());
        shared.put("conveyor.scheduler.routes[crash.sleep]", CRASH_TOPIC);
        shared.put("conveyor.scheduler.routes[race.sql]", RACE_TOPIC);
        shared.put("conveyor.scheduler.routes[cancel.sleep]", CANCEL_SLEEP_TOPIC);
        shared.put("conveyor.scheduler.routes[cancel.noop]", CANCEL_NOOP_TOPIC);
        shared.put("conveyor.scheduler.routes[drain.sleep]", DRAIN_TOPIC);
        system = ConveyorSystem.start(shared, Map.of(), EnumSet.of(Service.SCHEDULER, Service.FRONTEND));
        processes = new WorkerProcesses(NAME, shared);
    }

    @AfterAll
    void stopSystem() {
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> {
            if (processes != null) {
                processes.close();
            }
        });
        inJvmWorkers.forEach(worker -> steps.add(worker::close));
        steps.add(() -> {
            if (system != null) {
                system.close();
            }
        });
        steps.add(() -> {
            if (kafka != null) {
                kafka.close();
            }
        });
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.warn("Cleanup step failed", e);
            }
        }
    }

    @Test
    void a_killed_worker_loses_no_job() throws Exception {
        // GIVEN a worker process holding 20 five-second jobs at once
        ServiceProcess doomed = processes.start(FaultInjection.worker("crash-a", "workers-crash", List.of(CRASH_TOPIC), 20,
                warehouse));
        ConveyorApi api = api("crash");
        List<String> ids = submitConcurrently(20, 4, () -> api.submit("sleep", Map.of("seconds", 5)));
        await("all 20 jobs RUNNING on crash-a").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(runningOn("crash", "crash-a"))
                        .as("jobs RUNNING on crash-a; all by state: %s", FaultInjection.statesOf(api, ids))
                        .isEqualTo(20));

        // WHEN it is killed without warning while a second worker of its pool starts
        doomed.kill();
        Instant killedAt = Instant.now();
        inJvmWorkers.add(system.startService(Service.WORKER, shared,
                FaultInjection.worker("crash-b", "workers-crash", List.of(CRASH_TOPIC), 20, warehouse)));

        // THEN every job still succeeds, once, on the survivor, after its lease on the dead worker expired
        await("every job SUCCEEDED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(FaultInjection.statesOf(api, ids)).containsOnlyKeys("SUCCEEDED"));
        log.info("Scenario kill: all 20 jobs SUCCEEDED {} after the kill", Duration.between(killedAt, Instant.now()));
        for (String id : ids) {
            List<Transition> history = api.history(id);
            assertOneHolderAtATime(id, history);
            assertThat(movesTo(history, "SUCCEEDED")).as("SUCCEEDED moves of %s: %s", id, history).isEqualTo(1);
            assertThat(history).as("history of %s", id)
                    .anySatisfy(move -> {
                        assertThat(move.from()).isEqualTo("RUNNING");
                        assertThat(move.to()).isEqualTo("QUEUED");
                        assertThat(move.worker()).isEqualTo("crash-a");
                        assertThat(move.message()).isEqualTo("lease of crash-a expired");
                    });
            assertThat(history.getLast().worker()).as("who finished %s", id).isEqualTo("crash-b");
            assertThat(api.job(id).path("attempt").asInt()).as("attempt of %s (the lost one counts)", id).isEqualTo(2);
        }
    }

    @Test
    void two_workers_on_one_topic_apply_each_job_exactly_once() throws Exception {
        // GIVEN two worker processes consuming the same topic as one pool
        List<ServiceProcess> pool = processes.startTogether(
                FaultInjection.worker("race-1", "workers-race", List.of(RACE_TOPIC), 16, warehouse),
                FaultInjection.worker("race-2", "workers-race", List.of(RACE_TOPIC), 16, warehouse));
        ConveyorApi api = api("race");

        // WHEN 2,000 jobs, each inserting its own id into the warehouse, are submitted by 16 clients
        Instant start = Instant.now();
        List<String> ids = submitConcurrently(RACE_JOBS, 16, () -> api.submit("sql",
                Map.of("sql", "INSERT INTO effects (job_id) VALUES (:jobId)")));
        Instant submitted = Instant.now();
        log.info("Scenario race: {} jobs submitted in {}", RACE_JOBS, Duration.between(start, submitted));
        try (Connection jobs = FaultInjection.connect(store)) {
            await("all " + RACE_JOBS + " jobs SUCCEEDED").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2))
                    .conditionEvaluationListener(condition -> log.info("Scenario race: {} after {}",
                            condition.getValue(), Duration.between(start, Instant.now())))
                    .until(() -> FaultInjection.statesOf(jobs, "race"),
                            states -> states.equals(Map.of("SUCCEEDED", (long) RACE_JOBS)));
            log.info("Scenario race: {} jobs submitted in {}, all SUCCEEDED after {}", RACE_JOBS,
                    Duration.between(start, submitted), Duration.between(start, Instant.now()));

            // THEN the warehouse holds exactly one row per job
            Set<String> written = new HashSet<>();
            long rows = 0;
            try (Connection data = FaultInjection.connect(warehouse); Statement sql = data.createStatement();
                    ResultSet effects = sql.executeQuery("SELECT job_id FROM effects")) {
                while (effects.next()) {
                    rows++;
                    written.add(effects.getString(1));
                }
            }
            assertThat(rows).as("rows in effects").isEqualTo(RACE_JOBS);
            assertThat(written).as("distinct job ids in effects").hasSize(RACE_JOBS).isEqualTo(Set.copyOf(ids));

            // AND no job was ever held by two attempts at once, and each succeeded once
            Map<String, List<Transition>> histories = FaultInjection.histories(jobs, "race");
            assertThat(histories.keySet()).isEqualTo(Set.copyOf(ids));
            Map<String, Long> successesByWorker = new TreeMap<>();
            histories.forEach((id, history) -> {
                assertOneHolderAtATime(id, history);
                assertThat(movesTo(history, "SUCCEEDED")).as("SUCCEEDED moves of %s: %s", id, history).isEqualTo(1);
                successesByWorker.merge(history.getLast().worker(), 1L, Long::sum);
            });
            log.info("Scenario race: successes by worker {}", successesByWorker);
            assertThat(successesByWorker).as("both workers took part").containsOnlyKeys("race-1", "race-2");
        } finally {
            pool.forEach(ServiceProcess::close);
        }
    }

    @Test
    void a_cancelled_running_job_stops_within_two_heartbeats_and_frees_its_slot() {
        // GIVEN a worker with a single slot, busy with a 60-second job
        inJvmWorkers.add(system.startService(Service.WORKER, shared, FaultInjection.worker("cancel-1",
                "workers-cancel", List.of(CANCEL_SLEEP_TOPIC, CANCEL_NOOP_TOPIC), 1, warehouse)));
        ConveyorApi api = api("cancel");
        String sleeper = accepted(api.submit("sleep", Map.of("seconds", 60)));
        await("sleep job RUNNING").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "RUNNING".equals(api.state(sleeper)));

        // WHEN it is cancelled through the API
        ConveyorApi.Response cancel = api.cancel(sleeper);
        Instant requested = Instant.now();

        // THEN its worker records CANCELLED within two heartbeat intervals
        assertThat(cancel.status()).as("cancel answered %s", cancel.body()).isEqualTo(202);
        assertThat(cancel.body().path("cancelRequested").asBoolean()).isTrue();
        await("sleep job CANCELLED").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> "CANCELLED".equals(api.state(sleeper)));
        log.info("Scenario cancel: CANCELLED {} after the request", Duration.between(requested, Instant.now()));
        Transition last = api.history(sleeper).getLast();
        assertThat(last.from()).isEqualTo("RUNNING");
        assertThat(last.to()).isEqualTo("CANCELLED");
        assertThat(last.worker()).isEqualTo("cancel-1");

        // AND its only slot is free again: the next job runs at once, not after the 60 seconds
        Instant next = Instant.now();
        String noop = accepted(api.submit("noop", Map.of()));
        await("noop job SUCCEEDED on the freed slot").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "SUCCEEDED".equals(api.state(noop)));
        log.info("Scenario cancel: the next job SUCCEEDED {} after it was submitted",
                Duration.between(next, Instant.now()));
        assertThat(api.history(noop)).filteredOn(move -> "RUNNING".equals(move.to()))
                .singleElement().extracting(Transition::worker).isEqualTo("cancel-1");
    }

    @Test
    void a_terminated_worker_hands_its_job_back_without_counting_the_attempt() throws Exception {
        // GIVEN a worker process running a 20-second job, and a second worker of its pool
        ServiceProcess stopping = processes.start(FaultInjection.worker("drain-a", "workers-drain", List.of(DRAIN_TOPIC),
                2, warehouse));
        ConveyorApi api = api("drain");
        String id = accepted(api.submit("sleep", Map.of("seconds", 20)));
        await("job RUNNING on drain-a").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> runningOn("drain", "drain-a") == 1);
        inJvmWorkers.add(system.startService(Service.WORKER, shared,
                FaultInjection.worker("drain-b", "workers-drain", List.of(DRAIN_TOPIC), 2, warehouse)));

        // WHEN the first is asked to stop (SIGTERM), with a drain timeout of 2 s
        Instant terminated = Instant.now();
        stopping.terminate();
        log.info("Scenario drain: drain-a exited {} after SIGTERM", Duration.between(terminated, Instant.now()));

        // THEN the job was handed back at once, started over on the other worker and finished there
        await("job RUNNING on drain-b").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> runningOn("drain", "drain-b") == 1);
        log.info("Scenario drain: RUNNING on drain-b {} after SIGTERM", Duration.between(terminated, Instant.now()));
        await("job SUCCEEDED").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                .until(() -> "SUCCEEDED".equals(api.state(id)));
        assertThat(api.job(id).path("attempt").asInt()).as("the handed-back attempt is not counted").isEqualTo(1);
        List<Transition> history = api.history(id);
        assertOneHolderAtATime(id, history);
        assertThat(history).as("history of %s", id)
                .filteredOn(move -> "RUNNING".equals(move.from()) || "RUNNING".equals(move.to()))
                .extracting(Transition::from, Transition::to, Transition::worker, Transition::message)
                .containsExactly(
                        tuple("QUEUED", "RUNNING", "drain-a", null),
                        tuple("RUNNING", "QUEUED", "drain-a", "handed back by a draining worker"),
                        tuple("QUEUED", "RUNNING", "drain-b", null),
                        tuple("RUNNING", "SUCCEEDED", "drain-b", null));
        assertThat(history.getLast().attempt()).isEqualTo(1);
    }

    private ConveyorApi api(String tenant) {
        return new ConveyorApi(system.port(Service.FRONTEND), tenant);
    }

    private long runningOn(String tenant, String worker) throws Exception {
        return FaultInjection.idsRunningOn(store, tenant, worker).size();
    }
}
