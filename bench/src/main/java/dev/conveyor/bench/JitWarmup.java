package dev.conveyor.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warms a system up until the JIT compiler is quiet, and tells how busy the compiler was while a mode
 * was measured.
 *
 * <p>Both systems share this JVM, and Conveyor (three services, a broker, Tomcat, Spring) is far more
 * code than db-scheduler: after one fixed warm-up the compiler was still busy for most of a core while
 * Conveyor's drain was measured (C2 compiling Kafka's and the JDBC driver's hot loops at their final
 * tier), then idle while db-scheduler, measured later, ran. Repeating each system's warm-up
 * round until the compiler's share of the round falls below {@link #QUIET_SHARE} measures both in
 * the steady state a long-running service spends its life in.
 */
final class JitWarmup {

    /** Compile time per wall time of a round (1.0: one compiler thread busy all the time). */
    static final double QUIET_SHARE = 0.10;
    static final int MAX_ROUNDS = 10;

    /** One warm-up round (numbered from 1, so each can use fresh names); returns what it did, for the log. */
    @FunctionalInterface
    interface Round {
        String run(int round) throws Exception;
    }

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private JitWarmup() {
    }

    /** Runs {@code round} until the compiler is quiet or {@link #MAX_ROUNDS} ran; returns a summary. */
    static String untilQuiet(String system, Round round) throws Exception {
        for (int i = 1;; i++) {
            Activity activity = Activity.start();
            String what = round.run(i);
            double share = activity.compilerShare();
            System.out.printf("[bench] %s warm-up round %d: %s; JIT compiler busy %.0f%% of the round%n", system, i,
                    what, 100 * share);
            if (share < QUIET_SHARE || i == MAX_ROUNDS) {
                return "%d warm-up rounds; JIT compiler busy %.0f%% of the last".formatted(i, 100 * share);
            }
        }
    }

    /** Compile time and wall time since {@link #start()}. */
    record Activity(long compileMillisAtStart, long nanosAtStart) {

        static Activity start() {
            return new Activity(compileMillis(), System.nanoTime());
        }

        double compilerShare() {
            double wallMillis = (System.nanoTime() - nanosAtStart) / 1e6;
            return wallMillis > 0 ? (compileMillis() - compileMillisAtStart) / wallMillis : 0;
        }

        String note() {
            return "JIT compiler busy %.0f%% of the mode's wall time".formatted(100 * compilerShare());
        }
    }

    private static long compileMillis() {
        return JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }
}
