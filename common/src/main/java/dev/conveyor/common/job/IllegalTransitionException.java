package dev.conveyor.common.job;

/** A move the {@link JobState} table does not allow: a programming error, not a lost race. */
public class IllegalTransitionException extends IllegalStateException {

    private final JobState from;
    private final JobState to;

    public IllegalTransitionException(JobState from, JobState to) {
        super("A job cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public JobState from() {
        return from;
    }

    public JobState to() {
        return to;
    }
}
