package dev.conveyor.worker.execution;

import dev.conveyor.worker.system.WorkerProperties;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed attempt is tried again: {@code initial * multiplier^(attempt-1)}, capped, then
 * jittered down by up to half so jobs that failed together do not all come back together.
 */
public record RetryPolicy(Duration initialBackoff, double multiplier, Duration maxBackoff) {

    public static RetryPolicy from(WorkerProperties.Retry retry) {
        return new RetryPolicy(retry.initialBackoff(), retry.multiplier(), retry.maxBackoff());
    }

    /**
     * @param attempt the attempt that just failed, 1 for the first
     * @param random a value in [0, 1)
     */
    public Duration backoff(int attempt, DoubleSupplier random) {
        double exponential = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(exponential, maxBackoff.toMillis());
        long jittered = Math.round(capped * (0.5 + 0.5 * random.getAsDouble()));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
