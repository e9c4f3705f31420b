package dev.conveyor.store;

import org.assertj.core.api.Assertions;

/**
 * AssertJ's entry points plus Conveyor's own, so one static import serves a test:
 * {@code assertThat(testJobs.stored(job)).hasState(RUNNING).hasHistory(SUBMITTED, QUEUED, RUNNING)}.
 */
public class ConveyorAssertions extends Assertions {

    protected ConveyorAssertions() {
    }

    public static JobAssert assertThat(StoredJob actual) {
        return new JobAssert(actual);
    }
}
