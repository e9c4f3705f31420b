package dev.conveyor.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line: what to run, against what, and where the report goes. */
record BenchOptions(
        int jobs,
        int clients,
        Set<Mode> modes,
        String dbUrl,
        String dbName,
        String dbUser,
        String dbPassword,
        String kafka,
        int workers,
        List<Integer> scaleWorkers,
        List<Integer> backlogSizes,
        int batchSize,
        int warmup,
        long modeTimeoutSeconds,
        Path out,
        boolean skipDbScheduler) {

    /** The measurements; each runs with jobs of a tenant of its own. */
    enum Mode {
        LIVE("live"), BULK("bulk"), BACKLOG("backlog"), SCALING("scaling"), SIZES("sizes"), HALF_PEAK("half-peak");

        final String flag;

        Mode(String flag) {
            this.flag = flag;
        }

        static Mode of(String flag) {
            for (Mode mode : values()) {
                if (mode.flag.equalsIgnoreCase(flag.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("Unknown mode '" + flag + "'; known: " + List.of(values()).stream()
                    .map(mode -> mode.flag).toList());
        }
    }

    static final String USAGE = """
            java -jar bench/target/conveyor-bench.jar [options]

              --jobs N               jobs per mode (default 20000)
              --clients C            client threads, each with one request in flight (default 4)
              --modes a,b,...        live,bulk,backlog,scaling,sizes,half-peak (default: all)
              --db-url URL           PostgreSQL server (default jdbc:postgresql://127.0.0.1:5432); a fresh
                                     database <db-name> (Conveyor) and <db-name>_dbscheduler is created per run
              --db-name NAME         (default conveyor_bench)
              --db-user U            (default postgres)
              --db-password P        (default postgres)
              --kafka HOST:PORT      an existing Kafka (default: an embedded single-node KRaft broker)
              --workers N            worker processes for live, bulk, backlog, sizes, half-peak (default 0:
                                     one worker inside the benchmark's JVM, as the launcher runs it)
              --scale-workers 1,2,4  worker processes of the scaling mode (default 1,2,4)
              --backlog-sizes 1000,100000   backlogs of the sizes mode (default 1000,100000)
              --batch-size N         jobs per POST /api/v1/jobs/batch (default 100)
              --warmup N             jobs per warm-up round (not reported) before each system is measured:
                                     Conveyor takes N through the bulk endpoint, N/2 one by one and a backlog
                                     of N, db-scheduler N live and a backlog of N; rounds repeat until the JIT
                                     compiler is quiet, at most 10 (default: --jobs, at most 10000)
              --mode-timeout SECS    longest wait for one mode's submissions or drain (default 300)
              --out DIR              report directory (default bench/results)
              --skip-db-scheduler    measure Conveyor only
            """;

    static BenchOptions parse(String[] args) {
        int jobs = 20_000;
        int clients = 4;
        Set<Mode> modes = new LinkedHashSet<>(List.of(Mode.values()));
        String dbUrl = "jdbc:postgresql://127.0.0.1:5432";
        String dbName = "conveyor_bench";
        String dbUser = "postgres";
        String dbPassword = "postgres";
        String kafka = null;
        int workers = 0;
        List<Integer> scaleWorkers = List.of(1, 2, 4);
        List<Integer> backlogSizes = List.of(1_000, 100_000);
        int batchSize = 100;
        Integer warmup = null;
        long modeTimeout = 300;
        Path out = Path.of("bench", "results");
        boolean skipDbScheduler = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            if (arg.equals("--skip-db-scheduler")) {
                skipDbScheduler = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
                }
                value = args[++i];
            }
            switch (arg) {
                case "--jobs" -> jobs = positive(arg, value);
                case "--clients" -> clients = positive(arg, value);
                case "--modes" -> {
                    modes = new LinkedHashSet<>();
                    for (String flag : value.split(",")) {
                        modes.add(Mode.of(flag));
                    }
                }
                case "--db-url" -> dbUrl = value;
                case "--db-name" -> dbName = value;
                case "--db-user" -> dbUser = value;
                case "--db-password" -> dbPassword = value;
                case "--kafka" -> kafka = value;
                case "--workers" -> workers = Integer.parseInt(value);
                case "--scale-workers" -> scaleWorkers = positives(arg, value);
                case "--backlog-sizes" -> backlogSizes = positives(arg, value);
                case "--batch-size" -> batchSize = positive(arg, value);
                case "--warmup" -> warmup = Integer.parseInt(value.trim());
                case "--mode-timeout" -> modeTimeout = positive(arg, value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        if (!dbName.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--db-name must be a plain lower-case identifier: " + dbName);
        }
        return new BenchOptions(jobs, clients, modes, dbUrl, dbName, dbUser, dbPassword, kafka, workers,
                scaleWorkers, backlogSizes, batchSize, warmup == null ? Math.min(10_000, jobs) : warmup, modeTimeout, out, skipDbScheduler);
    }

    private static int positive(String option, String value) {
        int number = Integer.parseInt(value.trim());
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1: " + value);
        }
        return number;
    }

    private static List<Integer> positives(String option, String value) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : value.split(",")) {
            numbers.add(positive(option, part));
        }
        return List.copyOf(numbers);
    }
}
