package dev.conveyor.launcher;

import static dev.conveyor.launcher.ConveyorApi.accepted;
import static dev.conveyor.launcher.FaultInjection.assertOneHolderAtATime;
import static dev.conveyor.launcher.FaultInjection.movesTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.launcher.ConveyorApi.Transition;
import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.ServiceProcess;
import dev.conveyor.testsupport.TestPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process killed with SIGKILL while it runs jobs and more jobs wait on its partitions: every
 * one of them must finish within the lease plus 10 s. That needs both halves of recovery on time: the
 * scheduler requeues the running jobs when their lease expires, and the consumer group hands the dead
 * worker's partitions (with the waiting messages, and the partitions the re-sent jobs land on) to the
 * survivor well before that, because the worker sizes its Kafka session from the job heartbeat. The
 * workers here keep that sizing (no Kafka session setting of their own); the heartbeat is shortened to
 * 3 s (lease 9 s, session at the broker's minimum of 6 s) so the test takes seconds, as the defaults
 * (heartbeat 10 s, session 10 s, lease 30 s) would in half a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryWithinLeaseIT {

    private static final Logger log = LoggerFactory.getLogger(RecoveryWithinLeaseIT.class);
    private static final String NAME = RecoveryWithinLeaseIT.class.getSimpleName();
    private static final String TOPIC = "conveyor.jobs.sleep-recover";
    private static final String GROUP = "workers-recover";
    private static final Duration HEARTBEAT = Duration.ofSeconds(3);
    private static final Duration LEASE = HEARTBEAT.multipliedBy(3);
    private static final int JOBS = 16;

    private final List<ServiceProcess> processes = new ArrayList<>();
    private KafkaBrokerProcess kafka;
    private Map<String, Object> shared;
    private TestPostgres.Database store;
    private TestPostgres.Database warehouse;
    private ConveyorSystem system;

    @BeforeAll
    void startSystem() {
        kafka = KafkaBrokerProcess.start();
        store = TestPostgres.newDatabase();
        warehouse = TestPostgres.newDatabase();
        shared = FaultInjection.shared(store, kafka.bootstrapServers());
        shared.put("conveyor.scheduler.routes[recover.sleep]", TOPIC);
        system = ConveyorSystem.start(shared, Map.of(), EnumSet.of(Service.SCHEDULER, Service.FRONTEND));
    }

    @AfterAll
    void stopSystem() {
        processes.forEach(process -> {
            try {
                process.close();
            } catch (RuntimeException e) {
                log.warn("Could not stop {}", process.name(), e);
            }
        });
        if (system != null) {
            system.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void a_killed_workers_running_and_waiting_jobs_all_finish_within_the_lease_plus_ten_seconds() throws Exception {
        // GIVEN two workers of one pool, the doomed one with two slots and the survivor with eight
        List<ServiceProcess> pool = startConcurrently(worker("recover-a", 2), worker("recover-b", 8));
        ServiceProcess doomed = pool.getFirst();
        awaitBothMembersAssigned();
        ConveyorApi api = new ConveyorApi(system.port(Service.FRONTEND), "recover");

        // AND 16 four-second jobs spread over both workers' partitions: recover-a runs two, more wait behind them
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            ids.add(accepted(api.submit("sleep", Map.of("seconds", 4))));
        }
        await("recover-a busy with two jobs while others wait").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(runningOn("recover-a")).isEqualTo(2);
                    assertThat(count("QUEUED")).isPositive();
                });
        Set<String> runningOnDoomed = Set.copyOf(idsRunningOn("recover-a"));

        // WHEN it is killed without warning
        doomed.kill();
        Instant killedAt = Instant.now();

        // THEN every job has SUCCEEDED within the lease plus 10 s of the kill
        await("every job SUCCEEDED within the lease plus 10 s").atMost(LEASE.plusSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(FaultInjection.statesOf(api, ids)).containsOnlyKeys("SUCCEEDED"));
        log.info("All {} jobs SUCCEEDED {} after the kill", JOBS, Duration.between(killedAt, Instant.now()));

        // AND none was held by two attempts at once or succeeded twice; only the killed attempts were repeated
        for (String id : ids) {
            List<Transition> history = api.history(id);
            assertOneHolderAtATime(id, history);
            assertThat(movesTo(history, "SUCCEEDED")).as("SUCCEEDED moves of %s: %s", id, history).isEqualTo(1);
            assertThat(history.getLast().worker()).as("who finished %s", id).isEqualTo("recover-b");
            int expectedAttempts = runningOnDoomed.contains(id) ? 2 : 1;
            assertThat(api.job(id).path("attempt").asInt()).as("attempts of %s: %s", id, history)
                    .isEqualTo(expectedAttempts);
        }
    }

    /** A worker that sizes its Kafka session from its job heartbeat, as deployed. */
    private Map<String, Object> worker(String id, int concurrency) {
        Map<String, Object> worker = FaultInjection.worker(id, GROUP, List.of(TOPIC), concurrency, warehouse);
        worker.remove("spring.kafka.consumer.properties.session.timeout.ms");
        worker.remove("spring.kafka.consumer.properties.heartbeat.interval.ms");
        worker.put("conveyor.worker.heartbeat-interval", HEARTBEAT.toSeconds() + "s");
        return worker;
    }

    @SafeVarargs
    private List<ServiceProcess> startConcurrently(Map<String, Object>... workers) throws Exception {
        try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ServiceProcess>> started = new ArrayList<>();
            for (Map<String, Object> worker : workers) {
                started.add(starting.submit(() -> FaultInjection.startWorkerProcess(NAME, shared, worker)));
            }
            List<ServiceProcess> pool = new ArrayList<>();
            for (Future<ServiceProcess> process : started) {
                pool.add(process.get());
                processes.add(pool.getLast());
            }
            return pool;
        }
    }

    /** Both workers hold partitions of the topic, so jobs land on both. */
    private void awaitBothMembersAssigned() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await("both workers assigned partitions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                                .describedGroups().get(GROUP).get();
                        return group.members().size() == 2 && group.members().stream()
                                .map(MemberDescription::assignment)
                                .allMatch(assignment -> !assignment.topicPartitions().isEmpty());
                    });
        }
    }

    private long runningOn(String worker) throws Exception {
        return idsRunningOn(worker).size();
    }

    private List<String> idsRunningOn(String worker) throws Exception {
        return FaultInjection.idsRunningOn(store, "recover", worker);
    }

    private long count(String state) throws Exception {
        try (Connection jobs = FaultInjection.connect(store)) {
            return FaultInjection.statesOf(jobs, "recover").getOrDefault(state, 0L);
        }
    }
}
