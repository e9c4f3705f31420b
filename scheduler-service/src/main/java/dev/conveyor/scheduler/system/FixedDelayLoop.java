package dev.conveyor.scheduler.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Background work run with a fixed delay on a daemon thread of its own while the application runs, so
 * a run never overlaps the previous one. Subclasses say what one run does; a run must not throw (an
 * exception would cancel the schedule), so each catches and logs what it can retry next time.
 */
public abstract class FixedDelayLoop implements SmartLifecycle {

    private final String threadName;
    private final Duration initialDelay;
    private final Duration interval;
    private ScheduledExecutorService executor;

    protected FixedDelayLoop(String threadName, Duration initialDelay, Duration interval) {
        this.threadName = threadName;
        this.initialDelay = initialDelay;
        this.interval = interval;
    }

    /** One run of the loop. */
    protected abstract void tick();

    protected Duration interval() {
        return interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(threadName).daemon().factory());
        executor.scheduleWithFixedDelay(this::tick, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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
}
