package dev.conveyor.worker.execution;

import dev.conveyor.worker.handler.Cancellation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops attempts that run past their timeout. Each deadline is read from the {@link Clock}: a timer wakes up when
 * a deadline should have come and {@linkplain #stopOverdue stops every attempt that is overdue} by the clock, and
 * looks again later if the clock says it woke up early. A test moves its clock and calls {@link #stopOverdue}
 * itself instead of waiting.
 */
public class AttemptTimeouts implements AutoCloseable {

    private record Watched(Instant deadline, Cancellation cancellation, AtomicReference<Future<?>> wakeUp) {
    }

    private final Clock clock;
    private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;

    public AttemptTimeouts(Clock clock) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("conveyor-job-timeouts").daemon()
                .factory());
        // most attempts end long before their timeout: their wake-ups leave the queue at once
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** Watches the attempt of job {@code jobId} until {@link #unwatch}; no timeout (null, zero, negative) means none. */
    void watch(UUID jobId, Duration timeout, Cancellation cancellation) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            return;
        }
        Watched attempt = new Watched(clock.instant().plus(timeout), cancellation, new AtomicReference<>());
        watched.put(jobId, attempt);
        wakeUpIn(jobId, attempt, timeout);
    }

    void unwatch(UUID jobId) {
        Watched attempt = watched.remove(jobId);
        if (attempt != null) {
            attempt.wakeUp().get().cancel(false);
        }
    }

    /** Stops every watched attempt whose deadline has passed by the clock; returns how many it stopped. */
    public int stopOverdue() {
        Instant now = clock.instant();
        int stopped = 0;
        for (Map.Entry<UUID, Watched> entry : watched.entrySet()) {
            Watched attempt = entry.getValue();
            if (!attempt.deadline().isAfter(now) && watched.remove(entry.getKey(), attempt)) {
                attempt.cancellation().cancel(Cancellation.Reason.TIMED_OUT);
                stopped++;
            }
        }
        return stopped;
    }

    private void wakeUpIn(UUID jobId, Watched attempt, Duration delay) {
        attempt.wakeUp().set(timer.schedule(() -> {
            stopOverdue();
            if (watched.get(jobId) == attempt) {
                // the clock is behind the timer (it was set back, or a test holds it): look again at the deadline
                Duration remaining = Duration.between(clock.instant(), attempt.deadline());
                wakeUpIn(jobId, attempt, remaining.isNegative() ? Duration.ZERO : remaining);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
