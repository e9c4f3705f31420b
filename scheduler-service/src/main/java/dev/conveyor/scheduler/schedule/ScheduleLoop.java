package dev.conveyor.scheduler.schedule;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link ScheduleFirer#fireDue()} on a thread of its own, then sleeps until the earliest next tick of any
 * schedule, but never longer than {@code maxSleep}: a schedule created or resumed through the API (another process)
 * is seen within that time. Off in tests, which fire on demand.
 */
public class ScheduleLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduleLoop.class);

    private final ScheduleFirer firer;
    private final Duration maxSleep;
    private Thread thread;

    public ScheduleLoop(ScheduleFirer firer, Duration maxSleep) {
        this.firer = firer;
        this.maxSleep = maxSleep;
    }

    @Override
    public synchronized void start() {
        thread = Thread.ofPlatform().name("conveyor-schedules").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            Duration sleep = maxSleep;
            try {
                firer.fireDue();
                sleep = firer.untilNextDue(maxSleep);
            } catch (RuntimeException e) {
                // the database is away or a round failed: try again after the longest sleep
                log.warn("Firing schedules failed; retrying in {}: {}", maxSleep, e.toString());
            }
            try {
                // a tick is due at a millisecond boundary; sleeping to it, not past it by a poll interval
                Thread.sleep(Math.max(1, sleep.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
