package dev.conveyor.common.job;

import static dev.conveyor.common.job.JobState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JobStateTest {

    /** The expected table, written out independently of the enum so a change to either shows up. */
    private static final java.util.Map<JobState, Set<JobState>> EXPECTED = java.util.Map.of(
            SUBMITTED, EnumSet.of(WAITING, SCHEDULED, QUEUED, FAILED, CANCELLED, SKIPPED),
            WAITING, EnumSet.of(SCHEDULED, QUEUED, FAILED, CANCELLED, SKIPPED),
            SCHEDULED, EnumSet.of(QUEUED, FAILED, CANCELLED, SKIPPED),
            QUEUED, EnumSet.of(RUNNING, FAILED, CANCELLED, SKIPPED),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED, SCHEDULED),
            SUCCEEDED, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.of(SUBMITTED, WAITING),
            CANCELLED, EnumSet.of(SUBMITTED, WAITING),
            SKIPPED, EnumSet.of(SUBMITTED, WAITING));

    static Stream<Arguments> everyPair() {
        return Stream.of(values()).flatMap(from -> Stream.of(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void allows_exactly_the_moves_in_the_table(JobState from, JobState to) {
        boolean expected = EXPECTED.get(from).contains(to);

        assertThat(from.canMoveTo(to)).isEqualTo(expected);
        if (expected) {
            from.checkMoveTo(to);
        } else {
            assertThatThrownBy(() -> from.checkMoveTo(to))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining(from.name())
                    .hasMessageContaining(to.name());
        }
    }

    @Test
    void terminal_states_are_the_finished_ones() {
        assertThat(EnumSet.allOf(JobState.class).stream().filter(JobState::isTerminal))
                .containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED, SKIPPED);
    }

    @Test
    void no_state_moves_to_itself() {
        for (JobState state : values()) {
            assertThat(state.canMoveTo(state)).as(state.name()).isFalse();
        }
    }

    @Test
    void jobs_not_yet_running_are_cancelled_without_a_worker() {
        assertThat(EnumSet.allOf(JobState.class).stream().filter(JobState::isCancellableWithoutWorker))
                .containsExactlyInAnyOrder(SUBMITTED, WAITING, SCHEDULED, QUEUED);
    }
}
