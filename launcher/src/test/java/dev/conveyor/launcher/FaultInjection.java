package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.launcher.ConveyorApi.Transition;
import dev.conveyor.testsupport.ServiceProcess;
import dev.conveyor.testsupport.TestPostgres;
import dev.conveyor.worker.WorkerApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the fault-injection tests share: short timings so failures are detected in seconds, worker
 * processes with their logs under {@code target/fault-injection}, and the checks every scenario
 * makes on a job's history.
 */
final class FaultInjection {

    static final Path LOGS = Path.of("target", "fault-injection");

    /** Lease = three heartbeats = 3 s: a dead worker's jobs are back in the queue within ~3.5 s. */
    static final String HEARTBEAT_INTERVAL = "1s";

    private FaultInjection() {
    }

    /** Properties every service gets: job store, broker, fast sweeps, port chosen by the OS. */
    static Map<String, Object> shared(String jdbcUrl, String username, String password, String kafka) {
        Map<String, Object> shared = new HashMap<>();
        shared.put("spring.datasource.url", jdbcUrl);
        shared.put("spring.datasource.username", username);
        shared.put("spring.datasource.password", password);
        shared.put("spring.kafka.bootstrap-servers", kafka);
        shared.put("spring.cloud.stream.kafka.binder.brokers", kafka);
        shared.put("server.port", "0");
        shared.put("conveyor.scheduler.sweep.interval", "250ms");
        shared.put("conveyor.scheduler.sweep.lost-message-after", "2s");
        return shared;
    }

    static Map<String, Object> shared(TestPostgres.Database store, String kafka) {
        return shared(store.jdbcUrl(), store.username(), store.password(), kafka);
    }

    /**
     * One worker of a pool: its id (seen in leases and history), group, topics and slots, on a
     * PostgreSQL warehouse (DuckDB files admit one process only). The Kafka session timeout is the
     * broker's minimum, so partitions of a killed worker move to the survivors in seconds, not 45.
     */
    static Map<String, Object> worker(String id, String group, List<String> topics, int concurrency,
            TestPostgres.Database warehouse) {
        Map<String, Object> worker = new LinkedHashMap<>();
        worker.put("conveyor.worker.id", id);
        worker.put("conveyor.worker.group", group);
        if (!topics.isEmpty()) {
            worker.put("conveyor.worker.topics", String.join(",", topics));
        }
        worker.put("conveyor.worker.concurrency", String.valueOf(concurrency));
        worker.put("conveyor.worker.heartbeat-interval", HEARTBEAT_INTERVAL);
        worker.put("conveyor.worker.drain-timeout", "2s");
        worker.put("conveyor.worker.retry.initial-backoff", "200ms");
        worker.put("conveyor.worker.retry.max-backoff", "1s");
        worker.put("conveyor.warehouse.url", warehouse.jdbcUrl());
        worker.put("conveyor.warehouse.username", warehouse.username());
        worker.put("conveyor.warehouse.password", warehouse.password());
        worker.put("conveyor.warehouse.max-pool-size", String.valueOf(Math.min(concurrency, 8)));
        worker.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        worker.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        return worker;
    }

    /**
     * A worker in a JVM of its own, as deployed: the test classpath carries every service, so what a
     * worker would not have (JPA) is switched off as the launcher does for its in-JVM workers.
     */
    static ServiceProcess startWorkerProcess(String testClass, Map<String, Object> shared, Map<String, Object> worker) {
        Map<String, String> properties = new TreeMap<>();
        shared.forEach((key, value) -> properties.put(key, String.valueOf(value)));
        worker.forEach((key, value) -> properties.put(key, String.valueOf(value)));
        properties.remove("server.port");
        try {
            Path logs = Files.createDirectories(LOGS.resolve(testClass));
            return ServiceProcess.start(String.valueOf(worker.get("conveyor.worker.id")),
                    WorkerApplication.class.getName(), properties, logs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Connection connect(TestPostgres.Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    static void execute(TestPostgres.Database database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(TestPostgres.Database database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The history of every job of one tenant, read in one query from the job store (the API would
     * take one request per job).
     */
    static Map<String, List<Transition>> histories(Connection store, String tenant) throws SQLException {
        Map<String, List<Transition>> histories = new HashMap<>();
        try (var statement = store.prepareStatement("""
                SELECT e.job_id, e.from_state, e.to_state, e.attempt, e.worker, e.message, e.at
                  FROM conveyor.job_event e JOIN conveyor.job j ON j.id = e.job_id
                 WHERE j.tenant = ? ORDER BY e.job_id, e.id
                """)) {
            statement.setString(1, tenant);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    histories.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(new Transition(
                            rows.getString(2), rows.getString(3), rows.getInt(4), rows.getString(5), rows.getString(6),
                            rows.getTimestamp(7).toInstant()));
                }
            }
        }
        return histories;
    }

    /**
     * A job is never held by two attempts at once: every move starts in the state the previous one
     * ended in, and after a move to RUNNING the next move leaves RUNNING (finished, requeued, handed
     * back or scheduled for a retry) before anyone claims the job again.
     */
    static void assertOneHolderAtATime(String jobId, List<Transition> history) {
        assertThat(history).as("history of %s", jobId).isNotEmpty();
        assertThat(history.getFirst().from()).as("first move of %s: %s", jobId, history).isNull();
        for (int i = 1; i < history.size(); i++) {
            Transition previous = history.get(i - 1);
            Transition move = history.get(i);
            assertThat(move.from()).as("move %d of %s starts where move %d ended: %s", i, jobId, i - 1, history)
                    .isEqualTo(previous.to());
            if ("RUNNING".equals(move.to())) {
                assertThat(previous.to()).as("job %s claimed while RUNNING: %s", jobId, history)
                        .isNotEqualTo("RUNNING");
            }
        }
    }

    static long moves(List<Transition> history, Function<Transition, Boolean> which) {
        return history.stream().filter(which::apply).count();
    }

    static long movesTo(List<Transition> history, String state) {
        return moves(history, move -> state.equals(move.to()));
    }

    /** How many of the jobs are in each state, so a timed-out wait shows where jobs got stuck. */
    static Map<String, Long> statesOf(ConveyorApi api, List<String> ids) {
        Map<String, Long> counts = new TreeMap<>();
        for (String id : ids) {
            counts.merge(api.state(id), 1L, Long::sum);
        }
        return counts;
    }

    /** The same, for many jobs at once, from the job store. */
    static Map<String, Long> statesOf(Connection store, String tenant) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (var statement = store.prepareStatement(
                "SELECT state, count(*) FROM conveyor.job WHERE tenant = ? GROUP BY state")) {
            statement.setString(1, tenant);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Submits {@code count} jobs from {@code clients} concurrent clients; every one must be accepted. */
    static List<String> submitConcurrently(int count, int clients, Supplier<ConveyorApi.Response> submit)
            throws Exception {
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int share = count / clients + (client < count % clients ? 1 : 0);
                running.add(executor.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        ids.add(ConveyorApi.accepted(submit.get()));
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        assertThat(ids).hasSize(count).doesNotHaveDuplicates();
        return List.copyOf(ids);
    }

    /** Ids of the tenant's jobs RUNNING under a lease the given worker holds, read from the job store. */
    static List<String> idsRunningOn(TestPostgres.Database store, String tenant, String worker) throws SQLException {
        try (Connection jobs = connect(store);
                var query = jobs.prepareStatement("SELECT id FROM conveyor.job"
                        + " WHERE tenant = ? AND state = 'RUNNING' AND lease_owner = ?")) {
            query.setString(1, tenant);
            query.setString(2, worker);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }
}
