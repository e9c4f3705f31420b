package dev.conveyor.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * db-scheduler, the in-process library Conveyor is compared with, on the same PostgreSQL server (a
 * database of its own): 20 executor threads, 100 ms polling, lock-and-fetch, immediate execution,
 * and a one-time task that does nothing. Times are taken in memory: when {@code schedule} was
 * called, when the task began and when it ended.
 */
final class DbSchedulerModes implements AutoCloseable {

    private static final String SYSTEM = "db-scheduler";
    static final int THREADS = 20;
    static final Duration POLLING_INTERVAL = Duration.ofMillis(100);
    static final double LOCK_AND_FETCH_LOWER = 0.5;
    static final double LOCK_AND_FETCH_UPPER = 1.0;

    /** Its PostgreSQL DDL (db-scheduler's postgresql_tables.sql). */
    private static final String DDL = """
            CREATE TABLE scheduled_tasks (
              task_name text NOT NULL,
              task_instance text NOT NULL,
              task_data bytea,
              execution_time timestamp with time zone NOT NULL,
              picked BOOLEAN NOT NULL,
              picked_by text,
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures INT,
              last_heartbeat timestamp with time zone,
              version BIGINT NOT NULL,
              priority SMALLINT,
              PRIMARY KEY (task_name, task_instance)
            );
            CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority desc, execution_time asc);
            """;

    private final HikariDataSource dataSource;
    private final int clients;
    private final long timeoutMillis;
    private final int poolSize;

    private volatile Stamps current;
    private final OneTimeTask<Void> noop = Tasks.oneTime("bench-noop").execute((instance, context) -> {
        Stamps stamps = current;
        int index = Integer.parseInt(instance.getId());
        stamps.started.compareAndSet(index, 0, System.nanoTime());
        stamps.runs.incrementAndGet(index);
        stamps.ended.set(index, System.nanoTime());
        stamps.done.incrementAndGet();
    });

    DbSchedulerModes(BenchDatabase database, String databaseName, int clients, long timeoutSeconds) throws Exception {
        database.recreate(databaseName);
        this.clients = clients;
        this.timeoutMillis = timeoutSeconds * 1000;
        // enough connections that neither the executors, the poller nor the submitters wait for one
        this.poolSize = THREADS + clients + 4;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl(databaseName));
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("db-scheduler");
        dataSource = new HikariDataSource(config);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(DDL);
        }
    }

    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("version", Scheduler.class.getPackage().getImplementationVersion() == null ? "16.12.0"
                : Scheduler.class.getPackage().getImplementationVersion());
        settings.put("threads", String.valueOf(THREADS));
        settings.put("pollingInterval", POLLING_INTERVAL.toString());
        settings.put("pollingStrategy", "lock-and-fetch (%s, %s)".formatted(LOCK_AND_FETCH_LOWER, LOCK_AND_FETCH_UPPER));
        settings.put("immediateExecution", "enabled");
        settings.put("connectionPool", "HikariCP, " + poolSize + " connections");
        settings.put("task", "one-time, does nothing");
        return settings;
    }

    /** The scheduler runs while C submitter threads each call {@code schedule} one job at a time. */
    ModeResult live(int jobs) throws Exception {
        truncate();
        Stamps stamps = new Stamps(jobs);
        current = stamps;
        Scheduler scheduler = scheduler();
        scheduler.start();
        try {
            Submitted submitted = submit(scheduler, stamps, jobs);
            awaitDone(stamps, jobs);
            return result("live", "%d submitter threads, schedule() one job at a time, scheduler running".formatted(
                    clients), stamps, jobs, submitted.firstNanos, submitted, false);
        } finally {
            scheduler.stop();
        }
    }

    /** {@code jobs} stored before the scheduler starts; the drain from its first execution on. */
    ModeResult backlog(int jobs) throws Exception {
        truncate();
        Stamps stamps = new Stamps(jobs);
        current = stamps;
        SchedulerClient client = SchedulerClient.Builder.create(dataSource, noop).build();
        Submitted submitted = submit(client, stamps, jobs);
        Scheduler scheduler = scheduler();
        long launched = System.nanoTime();
        scheduler.start();
        try {
            awaitDone(stamps, jobs);
            ModeResult result = result("backlog", "backlog of %d stored before the scheduler starts".formatted(jobs),
                    stamps, jobs, 0, submitted, true);
            result.notes().add("backlog stored at %.0f jobs/s; scheduler start to last end %.1f s".formatted(
                    jobs / (submitted.wallNanos / 1e9), (maxOf(stamps.ended) - launched) / 1e9));
            return result;
        } finally {
            scheduler.stop();
        }
    }

    private Scheduler scheduler() {
        return Scheduler.create(dataSource, noop)
                .threads(THREADS)
                .pollingInterval(POLLING_INTERVAL)
                .pollUsingLockAndFetch(LOCK_AND_FETCH_LOWER, LOCK_AND_FETCH_UPPER)
                .enableImmediateExecution()
                .build();
    }

    private record Submitted(long firstNanos, long wallNanos, long cpuNanos, long failed, String firstProblem) {
    }

    private Submitted submit(SchedulerClient client, Stamps stamps, int jobs) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong cpu = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        StringBuffer problem = new StringBuffer();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        List<Thread> submitters = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            submitters.add(Thread.ofPlatform().name("db-scheduler-client-" + c).start(() -> {
                long cpuAtStart = threads.getCurrentThreadCpuTime();
                for (int index = next.getAndIncrement(); index < jobs; index = next.getAndIncrement()) {
                    if (System.nanoTime() - start > timeoutMillis * 1_000_000) {
                        break;
                    }
                    stamps.submitted.set(index, System.nanoTime());
                    try {
                        client.schedule(noop.instance(String.valueOf(index)), Instant.now());
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        stamps.submitted.set(index, 0);
                        if (problem.isEmpty()) {
                            problem.append(e);
                        }
                    }
                }
                cpu.addAndGet(threads.getCurrentThreadCpuTime() - cpuAtStart);
            }));
        }
        for (Thread submitter : submitters) {
            submitter.join();
        }
        return new Submitted(start, System.nanoTime() - start, cpu.get(), failed.get(), problem.toString());
    }

    private void awaitDone(Stamps stamps, int jobs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (stamps.done.get() < jobs && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    private ModeResult result(String mode, String description, Stamps stamps, int jobs, long fromNanos,
            Submitted submitted, boolean fromFirstStart) throws Exception {
        List<Long> toStart = new ArrayList<>();
        List<Long> toFinish = new ArrayList<>();
        int submittedCount = 0;
        int lost = 0;
        int twice = 0;
        long firstStart = Long.MAX_VALUE;
        long lastEnd = 0;
        for (int i = 0; i < jobs; i++) {
            long submittedAt = stamps.submitted.get(i);
            if (submittedAt == 0) {
                continue;
            }
            submittedCount++;
            int runs = stamps.runs.get(i);
            if (runs == 0) {
                lost++;
                continue;
            }
            if (runs > 1) {
                twice++;
            }
            toStart.add((stamps.started.get(i) - submittedAt) / 1000);
            toFinish.add((stamps.ended.get(i) - submittedAt) / 1000);
            firstStart = Math.min(firstStart, stamps.started.get(i));
            lastEnd = Math.max(lastEnd, stamps.ended.get(i));
        }
        long from = fromFirstStart ? firstStart : fromNanos;
        int completed = toStart.size();
        double window = completed == 0 ? 0 : (lastEnd - from) / 1e9;
        double rate = window > 0 ? completed / window : 0;
        int leftInTable = remainingRows();
        List<String> notes = new ArrayList<>();
        double wall = submitted.wallNanos / 1e9;
        double cpuShare = submitted.cpuNanos / (submitted.wallNanos * (double) Runtime.getRuntime().availableProcessors());
        if (!fromFirstStart) {
            notes.add("submitted %.0f jobs/s; submitter threads' CPU %.1f%% of the machine".formatted(
                    submittedCount / wall, 100 * cpuShare));
        }
        if (submitted.failed > 0) {
            notes.add(submitted.failed + " schedule() calls failed; first: " + submitted.firstProblem);
        }
        if (completed < submittedCount) {
            notes.add("INCOMPLETE: %d of %d ran within the timeout".formatted(completed, submittedCount));
        }
        if (leftInTable > 0) {
            notes.add(leftInTable + " executions left in scheduled_tasks");
        }
        return new ModeResult(SYSTEM, mode, description, submittedCount, completed, window, rate,
                rate > 0 ? 1e6 / rate : 0, Percentiles.ofMicros(toArray(toStart)), Percentiles.ofMicros(toArray(toFinish)),
                new ModeResult.Integrity(lost, 0, twice, 0), fromFirstStart ? null : submittedCount / wall,
                fromFirstStart ? null : cpuShare, null, notes);
    }

    private int remainingRows() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM scheduled_tasks")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void truncate() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE scheduled_tasks");
        }
    }

    private static long maxOf(AtomicLongArray values) {
        long max = 0;
        for (int i = 0; i < values.length(); i++) {
            max = Math.max(max, values.get(i));
        }
        return max;
    }

    private static long[] toArray(List<Long> values) {
        long[] array = new long[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
