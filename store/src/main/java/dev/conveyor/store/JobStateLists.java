package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Lists of job states as SQL literals, derived from {@link JobState} so a statement cannot drift from the enum.
 * Written into the statement text rather than bound, so the planner can match them to the partial indexes.
 */
final class JobStateLists {

    /** The states no work is pending in ({@link JobState#isTerminal()}), e.g. {@code 'SUCCEEDED', 'FAILED'}. */
    static final String TERMINAL = of(JobState::isTerminal);

    private JobStateLists() {
    }

    static String of(Predicate<JobState> which) {
        return Arrays.stream(JobState.values()).filter(which).map(state -> "'" + state.name() + "'")
                .collect(Collectors.joining(", "));
    }
}
