package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Decides the next move of a job from its row and the current time, and nothing else: no I/O, so
 * every rule is unit-tested without a database or a broker.
 */
public final class DispatchDecider {

    public NextMove decide(Job job, Instant now) {
        return switch (job.state()) {
            case SUBMITTED -> decideSubmitted(job, now);
            case SCHEDULED -> isDue(job, now)
                    ? new NextMove.Queue()
                    : new NextMove.Leave("not due before " + job.notBefore());
            default -> new NextMove.Leave("already " + job.state());
        };
    }

    /**
     * The next move of a WAITING job whose dependencies are done (decided by the manifest): queue it, or
     * schedule it when its {@code not_before} is still ahead. Any other state is left alone.
     */
    public NextMove decideReleased(Job job, Instant now) {
        if (job.state() != JobState.WAITING) {
            return new NextMove.Leave("already " + job.state());
        }
        return isDue(job, now) ? new NextMove.Queue() : new NextMove.Schedule(job.notBefore());
    }

    private static NextMove decideSubmitted(Job job, Instant now) {
        // dependencies first: a job waiting for others gets its time checked once they have succeeded
        if (job.pendingDependencies() > 0) {
            return new NextMove.Wait(job.pendingDependencies());
        }
        if (!isDue(job, now)) {
            return new NextMove.Schedule(job.notBefore());
        }
        return new NextMove.Queue();
    }

    private static boolean isDue(Job job, Instant now) {
        // PostgreSQL keeps microseconds, rounded half up; compare at that precision, or a row the sweep's
        // SQL found due (not_before <= now) could look a fraction of a microsecond early here
        Instant stored = now.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        return job.notBefore() == null || !job.notBefore().isAfter(stored);
    }
}
