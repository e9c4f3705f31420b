package dev.conveyor.common.job;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life cycle of a job. This enum is the single place that lists which moves are allowed; the
 * database enforces each move with one guarded {@code UPDATE ... WHERE state = ?}.
 */
public enum JobState {
    /** Stored and accepted; the scheduler has not looked at it yet. */
    SUBMITTED,
    /** Part of a manifest and waiting for its dependencies to succeed. */
    WAITING,
    /** Ready except for its time: dispatched when {@code not_before} has passed. */
    SCHEDULED,
    /** Published on its typed topic, waiting for a worker. */
    QUEUED,
    /** Claimed by a worker that holds a lease on it. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    /** Not run because something it depends on failed or was cancelled. */
    SKIPPED;

    private static final Map<JobState, Set<JobState>> ALLOWED = Map.of(
            SUBMITTED, EnumSet.of(WAITING, SCHEDULED, QUEUED, FAILED, CANCELLED, SKIPPED),
            WAITING, EnumSet.of(SCHEDULED, QUEUED, FAILED, CANCELLED, SKIPPED),
            SCHEDULED, EnumSet.of(QUEUED, FAILED, CANCELLED, SKIPPED),
            // QUEUED -> FAILED: the job could not be prepared for its worker (e.g. an unresolvable reference)
            QUEUED, EnumSet.of(RUNNING, FAILED, CANCELLED, SKIPPED),
            // RUNNING -> QUEUED: lease expired or handed back on drain; RUNNING -> SCHEDULED: retry after backoff
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED, SCHEDULED),
            SUCCEEDED, EnumSet.noneOf(JobState.class),
            // a finished job may be retried on request: it starts over as a new attempt
            FAILED, EnumSet.of(SUBMITTED, WAITING),
            CANCELLED, EnumSet.of(SUBMITTED, WAITING),
            SKIPPED, EnumSet.of(SUBMITTED, WAITING));

    public boolean canMoveTo(JobState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Throws {@link IllegalTransitionException} unless {@link #canMoveTo(JobState)}. */
    public void checkMoveTo(JobState next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
    }

    /** No work is pending for a job in this state (it may still be retried on request). */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == SKIPPED;
    }

    /** States a cancel request ends at once, without asking a worker. */
    public boolean isCancellableWithoutWorker() {
        return this == SUBMITTED || this == WAITING || this == SCHEDULED || this == QUEUED;
    }
}
