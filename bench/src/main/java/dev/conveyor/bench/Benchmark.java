package dev.conveyor.bench;

import dev.conveyor.bench.BenchOptions.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conveyor's throughput and latency through its REST API, and db-scheduler's on the same
 * PostgreSQL, in one run: see {@link BenchOptions#USAGE} and the README's "Benchmark" section.
 */
public final class Benchmark {

    /** How long each system may wait for the server to finish the work the one before it left. */
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(2);

    /**
     * A method reaches the JIT's final tier after some ten thousand calls: more clients in the warm-up
     * get the single-request path there sooner.
     */
    private static final int WARMUP_CLIENTS_PER_CLIENT = 4;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(options.out());
        Path work = Files.createTempDirectory("conveyor-bench-");
        log("work directory (worker logs, warehouse files): " + work);

        BenchDatabase database = new BenchDatabase(options.dbUrl(), options.dbUser(), options.dbPassword());
        Map<String, String> postgres = database.facts();
        BenchDatabase.requireDurable(postgres);

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("machine", MachineFacts.collect());
        facts.put("postgresql", postgres);
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> benchmark = new LinkedHashMap<>();
        benchmark.put("jobs", options.jobs());
        benchmark.put("clients", options.clients());
        benchmark.put("modes", options.modes().stream().map(mode -> mode.flag).toList());
        benchmark.put("workers", options.workers() == 0 ? "1 in the benchmark JVM" : options.workers() + " processes");
        benchmark.put("scaleWorkers", options.scaleWorkers() + " processes");
        benchmark.put("backlogSizes", options.backlogSizes());
        benchmark.put("batchSize", options.batchSize());
        benchmark.put("warmupJobs", options.warmup());
        benchmark.put("modeTimeoutSeconds", options.modeTimeoutSeconds());
        settings.put("benchmark", benchmark);
        List<ModeResult> results = new ArrayList<>();

        database.recreate(options.dbName());
        Map<String, String> settled = new LinkedHashMap<>();
        facts.put("postgresqlSettled", settled);
        Map<String, String> warmups = new LinkedHashMap<>();
        facts.put("warmUp", warmups);
        Settle settleConveyor = label -> settle(database, options.dbName(), "conveyor " + label, settled);
        log("starting Conveyor on " + database.jdbcUrl(options.dbName()));
        try (ConveyorUnderTest conveyor = ConveyorUnderTest.start(database, options.dbName(), options.kafka(), work)) {
            facts.put("kafka", conveyor.kafkaMode());
            settings.put("conveyor", conveyor.settings());
            conveyor.stopWorkers();
            runConveyor(options, new ConveyorModes(conveyor, new JobStoreReader(database, options.dbName()), options),
                    settleConveyor, warmups, results);
        }

        if (options.skipDbScheduler()) {
            log("db-scheduler skipped (--skip-db-scheduler)");
        } else {
            String dbSchedulerDatabase = options.dbName() + "_dbscheduler";
            Settle settleDbScheduler = label -> settle(database, dbSchedulerDatabase, "db-scheduler " + label, settled);
            try (DbSchedulerModes dbScheduler = new DbSchedulerModes(database, dbSchedulerDatabase, options.clients(),
                    options.modeTimeoutSeconds())) {
                settings.put("db-scheduler", dbScheduler.settings());
                if (options.warmup() > 0) {
                    settleDbScheduler.before("warm-up");
                    warmups.put("db-scheduler", JitWarmup.untilQuiet("db-scheduler", round -> {
                        ModeResult live = dbScheduler.live(options.warmup());
                        ModeResult backlog = dbScheduler.backlog(options.warmup());
                        return "%d jobs live at %.0f jobs/s, a backlog of %d at %.0f jobs/s (not reported)".formatted(
                                live.completed(), live.rate(), backlog.completed(), backlog.rate());
                    }));
                }
                if (options.modes().contains(Mode.LIVE) || options.modes().contains(Mode.HALF_PEAK)) {
                    settleDbScheduler.before("live");
                    results.add(measure(() -> dbScheduler.live(options.jobs())));
                }
                if (options.modes().contains(Mode.BACKLOG)) {
                    settleDbScheduler.before("backlog");
                    results.add(measure(() -> dbScheduler.backlog(options.jobs())));
                }
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, String> machine = (Map<String, String>) facts.get("machine");
        machine.put("loadAverageAtEnd", MachineFacts.loadAverage());
        Report report = new Report(facts, settings, results);
        Path json = options.out().resolve(stamp + ".json");
        Path markdown = options.out().resolve(stamp + ".md");
        report.write(json, markdown);
        System.out.println();
        System.out.println(report.markdown());
        log("wrote " + json + " and " + markdown);
        System.exit(0);
    }

    private static void runConveyor(BenchOptions options, ConveyorModes modes, Settle settle,
            Map<String, String> warmups, List<ModeResult> results) throws Exception {
        int jobs = options.jobs();
        if (options.warmup() > 0) {
            settle.before("warm-up");
            // Three services and a broker in one JVM are a lot of code for the JIT: at a hundred
            // requests a second it would still be compiling the request path minutes later. The bulk
            // endpoint runs the shared pipeline (dispatch, claim, outcome, messages) hot quickly; the
            // single POSTs after it (from more clients) warm the path that only the live mode takes,
            // a backlog the drain's large claims and outcome batches. Rounds repeat until the
            // compiler is quiet.
            warmups.put("conveyor", JitWarmup.untilQuiet("conveyor", round -> {
                ModeResult pipeline = modes.bulk("warmup-bulk-" + round, options.warmup());
                ModeResult requests = modes.live("warmup-" + round, Math.max(1, options.warmup() / 2),
                        WARMUP_CLIENTS_PER_CLIENT * options.clients());
                ModeResult backlog = modes.backlog("warmup-backlog-" + round, options.warmup(), options.workers());
                return "%d jobs in bulk at %.0f jobs/s, %d one by one at %.0f jobs/s, a backlog of %d at %.0f jobs/s"
                        .formatted(pipeline.completed(), pipeline.rate(), requests.completed(), requests.rate(),
                                backlog.completed(), backlog.rate());
            }));
        }
        if (options.modes().contains(Mode.LIVE)) {
            settle.before("live");
            results.add(measure(() -> modes.live("live", jobs)));
        }
        if (options.modes().contains(Mode.BULK)) {
            settle.before("bulk");
            results.add(measure(() -> modes.bulk("bulk", jobs)));
        }
        if (options.modes().contains(Mode.HALF_PEAK)) {
            // the paced mode sends one job per request, so its peak is that of the same kind of request
            Optional<ModeResult> peak = results.stream().filter(r -> !r.wasSkipped() && r.rate() > 0)
                    .filter(r -> r.mode().equals("live"))
                    .findFirst();
            if (peak.isEmpty()) {
                settle.before("peak");
                peak = Optional.of(measure(() -> modes.live("peak", jobs)));
                results.add(peak.get());
            }
            double half = peak.get().rate() / 2;
            // at most a minute of offered load, so a slow system does not stretch the run
            int count = (int) Math.max(200, Math.min(jobs, half * 60));
            settle.before("half-peak");
            results.add(measure(() -> modes.paced(half, count)));
        }
        if (options.modes().contains(Mode.BACKLOG)) {
            settle.before("backlog");
            results.add(measure(() -> modes.backlog("backlog", jobs, options.workers())));
        }
        if (options.modes().contains(Mode.SCALING)) {
            for (int processes : options.scaleWorkers()) {
                settle.before("scaling-" + processes + "-workers");
                results.add(measure(() -> modes.backlog("scaling-" + processes + "-workers", jobs, processes)));
            }
        }
        if (options.modes().contains(Mode.SIZES)) {
            for (int size : options.backlogSizes()) {
                settle.before("backlog-" + size);
                results.add(measure(() -> modes.backlog("backlog-" + size, size, options.workers())));
            }
        }
    }

    /** Settles PostgreSQL before the mode named; see {@link BenchDatabase#settle}. */
    @FunctionalInterface
    private interface Settle {
        void before(String mode) throws Exception;
    }

    private static void settle(BenchDatabase database, String databaseName, String mode, Map<String, String> settled)
            throws Exception {
        String done = database.settle(databaseName, SETTLE_LIMIT);
        settled.put(mode, done);
        log("PostgreSQL before " + mode + ": " + done);
    }

    @FunctionalInterface
    private interface Measured {
        ModeResult run() throws Exception;
    }

    /** Runs one mode and notes how busy the JIT compiler was meanwhile. */
    private static ModeResult measure(Measured mode) throws Exception {
        JitWarmup.Activity jit = JitWarmup.Activity.start();
        ModeResult result = mode.run();
        if (!result.wasSkipped()) {
            result.notes().add(jit.note());
        }
        return report(result);
    }

    private static ModeResult report(ModeResult result) {
        if (result.wasSkipped()) {
            log("%s %s: skipped (%s)".formatted(result.system(), result.mode(), String.join("; ", result.notes())));
        } else {
            log("%s %s: %d/%d done, %.0f jobs/s, submit->start %s, submit->finish %s, %s".formatted(result.system(),
                    result.mode(), result.completed(), result.submitted(), result.rate(),
                    result.submitToStart().format(), result.submitToFinish().format(), result.integrity().format()));
            result.notes().forEach(note -> log("    " + note));
        }
        return result;
    }

    private static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
