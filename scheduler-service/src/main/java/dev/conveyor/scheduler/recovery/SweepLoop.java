package dev.conveyor.scheduler.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link Sweeper#sweepOnce()} with a fixed delay between sweeps (never overlapping itself) while
 * the application runs, and, at its own slower interval, retention ({@link RetentionSweeper}). Off in tests, which
 * call the sweepers directly.
 */
public class SweepLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SweepLoop.class);

    private final Sweeper sweeper;
    private final RetentionSweeper retention;
    private final Duration interval;
    private final Duration retentionInterval;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private Instant retainedAt = Instant.MIN;

    public SweepLoop(Sweeper sweeper, RetentionSweeper retention, Duration interval, Duration retentionInterval,
            Clock clock) {
        this.sweeper = sweeper;
        this.retention = retention;
        this.retentionInterval = retentionInterval;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("conveyor-sweep").daemon()
                .factory());
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void tick() {
        // an exception would cancel the schedule: a sweep that failed is simply tried again next time
        try {
            sweeper.sweepOnce();
            Instant now = clock.instant();
            if (!retainedAt.plus(retentionInterval).isAfter(now)) {
                retainedAt = now;
                retention.sweepOnce();
            }
        } catch (RuntimeException e) {
            log.warn("Sweep failed; retrying in {}", interval, e);
        }
    }
}
