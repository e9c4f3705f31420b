package dev.conveyor.bench;

import java.util.List;

/**
 * One measurement of one system. {@code rate} is jobs completed per second over the measured
 * window: for live modes from the first submission to the last finish, for backlog modes from the
 * first start to the last finish (the workers' own start-up is not the system's drain rate).
 */
record ModeResult(
        String system,
        String mode,
        String description,
        int submitted,
        int completed,
        double windowSeconds,
        double rate,
        double perJobMicros,
        Percentiles submitToStart,
        Percentiles submitToFinish,
        Integrity integrity,
        Double acceptedPerSecond,
        Double clientCpuShare,
        Double clientCpuMicrosPerRequest,
        List<String> notes) {

    /** No job lost, none run twice, every submitted job finished successfully. */
    record Integrity(int lost, int notSucceeded, int ranMoreThanOnce, int unexpected) {

        boolean clean() {
            return lost == 0 && notSucceeded == 0 && ranMoreThanOnce == 0 && unexpected == 0;
        }

        String format() {
            return clean() ? "ok (every job succeeded exactly once)"
                    : "lost %d, not succeeded %d, ran more than once %d, unexpected %d".formatted(lost, notSucceeded,
                            ranMoreThanOnce, unexpected);
        }
    }

    static ModeResult skipped(String system, String mode, String why) {
        return new ModeResult(system, mode, "skipped", 0, 0, 0, 0, 0, Percentiles.NONE, Percentiles.NONE, null, null,
                null, null, List.of(why));
    }

    boolean wasSkipped() {
        return integrity == null;
    }
}
