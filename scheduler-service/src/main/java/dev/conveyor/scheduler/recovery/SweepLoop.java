package dev.conveyor.scheduler.recovery;

import dev.conveyor.scheduler.system.FixedDelayLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Sweeper#sweepOnce()} with a fixed delay between sweeps (never overlapping itself) while
 * the application runs, and, at its own slower interval, retention ({@link RetentionSweeper}). Off in tests, which
 * call the sweepers directly.
 */
public class SweepLoop extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(SweepLoop.class);

    private final Sweeper sweeper;
    private final RetentionSweeper retention;
    private final Duration retentionInterval;
    private final Clock clock;
    private Instant retainedAt = Instant.MIN;

    public SweepLoop(Sweeper sweeper, RetentionSweeper retention, Duration interval, Duration retentionInterval,
            Clock clock) {
        super("conveyor-sweep", interval, interval);
        this.sweeper = sweeper;
        this.retention = retention;
        this.retentionInterval = retentionInterval;
        this.clock = clock;
    }

    @Override
    protected void tick() {
        // an exception would cancel the schedule: a sweep that failed is simply tried again next time
        try {
            sweeper.sweepOnce();
            Instant now = clock.instant();
            if (!retainedAt.plus(retentionInterval).isAfter(now)) {
                retainedAt = now;
                retention.sweepOnce();
            }
        } catch (RuntimeException e) {
            log.warn("Sweep failed; retrying in {}", interval(), e);
        }
    }
}
