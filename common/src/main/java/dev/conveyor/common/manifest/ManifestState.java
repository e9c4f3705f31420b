package dev.conveyor.common.manifest;

import dev.conveyor.common.job.JobState;
import java.util.Collection;

/** A manifest's state, derived from the states of its jobs. */
public enum ManifestState {
    /** Some job has work pending. */
    RUNNING,
    /** Every job succeeded. */
    SUCCEEDED,
    /** Every job is finished and at least one failed (its dependents were skipped). */
    FAILED,
    /** Every job is finished and at least one was cancelled. */
    CANCELLED;

    public boolean isFinished() {
        return this != RUNNING;
    }

    public static ManifestState of(Collection<JobState> jobStates) {
        if (jobStates.stream().anyMatch(state -> !state.isTerminal())) {
            return RUNNING;
        }
        if (jobStates.stream().allMatch(state -> state == JobState.SUCCEEDED)) {
            return SUCCEEDED;
        }
        if (jobStates.contains(JobState.CANCELLED)) {
            return CANCELLED;
        }
        return FAILED;
    }
}
