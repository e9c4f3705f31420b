package dev.conveyor.scheduler.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link ScheduleFirer#fireDue()} on a thread of its own, then schedules the next round for the earliest next
 * tick of any schedule, but never later than {@code maxSleep} from now: a schedule created or resumed through the API (another process)
 * is seen within that time. Off in tests, which fire on demand.
 */
public class ScheduleLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduleLoop.class);

    private final ScheduleFirer firer;
    private final Duration maxSleep;
    private ScheduledExecutorService executor;

    public ScheduleLoop(ScheduleFirer firer, Duration maxSleep) {
        this.firer = firer;
        this.maxSleep = maxSleep;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("conveyor-schedules").daemon().factory());
        executor.execute(this::round);
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

    private void round() {
        Duration next = maxSleep;
        try {
            firer.fireDue();
            next = firer.untilNextDue(maxSleep);
        } catch (RuntimeException e) {
            // the database is away or a round failed: try again after the longest wait
            log.warn("Firing schedules failed; retrying in {}: {}", maxSleep, e.toString());
        }
        scheduleNext(next);
    }

    private synchronized void scheduleNext(Duration delay) {
        if (executor == null) {
            return;
        }
        try {
            // a tick is due at a millisecond boundary: the next round runs at it, not a poll interval past it
            executor.schedule(this::round, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // stopped meanwhile
        }
    }
}
