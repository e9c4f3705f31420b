package dev.conveyor.scheduler.dispatch;

import java.util.UUID;

/**
 * What applying a {@link NextMove} did to one job.
 *
 * @param topic where the JobDispatched went, for {@link Kind#QUEUED} and {@link Kind#RESENT} only
 */
public record DispatchResult(UUID jobId, Kind kind, String topic) {

    public enum Kind {
        QUEUED, SCHEDULED, WAITING,
        /** The job was QUEUED with an overdue message, which was sent again. */
        RESENT,
        /** The job cannot be dispatched at all (no valid topic) and failed without running. */
        FAILED,
        /** Nothing was due, or the job was unknown or not ours to move. */
        LEFT,
        /** Another instance moved the job between our read and our guarded update. */
        LOST_RACE
    }

    public boolean moved() {
        return kind != Kind.LEFT && kind != Kind.LOST_RACE;
    }

    static DispatchResult of(UUID jobId, Kind kind) {
        return new DispatchResult(jobId, kind, null);
    }
}
