package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractObjectAssert;

/** AssertJ assertions on a stored job and its history; start with {@link ConveyorAssertions#assertThat(StoredJob)}. */
public final class JobAssert extends AbstractObjectAssert<JobAssert, StoredJob> {

    JobAssert(StoredJob actual) {
        super(actual, JobAssert.class);
    }

    public JobAssert hasState(JobState expected) {
        isNotNull();
        if (actual.job().state() != expected) {
            failWithMessage("Expected job %s to be %s but it is %s", actual.job().id(), expected, actual.job().state());
        }
        return this;
    }

    /** The states it moved to, oldest first, starting with the state it was stored in. */
    public JobAssert hasHistory(JobState... expected) {
        isNotNull();
        List<JobState> moves = actual.history().stream().map(JobEventRecord::to).toList();
        if (!moves.equals(List.of(expected))) {
            failWithMessage("Expected job %s to have moved through %s but it moved through %s",
                    actual.job().id(), List.of(expected), moves);
        }
        return this;
    }

    /** How many times its history shows a move to {@code state}. */
    public JobAssert hasMovedTo(JobState state, int times) {
        isNotNull();
        long moves = actual.history().stream().filter(event -> event.to() == state).count();
        if (moves != times) {
            failWithMessage("Expected job %s to have moved to %s %d times but it did %d times",
                    actual.job().id(), state, times, moves);
        }
        return this;
    }

    public JobAssert hasAttempt(int expected) {
        isNotNull();
        if (actual.job().attempt() != expected) {
            failWithMessage("Expected job %s to be on attempt %d but it is on attempt %d",
                    actual.job().id(), expected, actual.job().attempt());
        }
        return this;
    }

    public JobAssert isLeasedBy(String worker) {
        isNotNull();
        if (!Objects.equals(actual.job().leaseOwner(), worker)) {
            failWithMessage("Expected job %s to be leased by %s but its lease owner is %s",
                    actual.job().id(), worker, actual.job().leaseOwner());
        }
        return this;
    }

    public JobAssert hasNoLease() {
        isNotNull();
        if (actual.job().leaseOwner() != null || actual.job().leaseUntil() != null) {
            failWithMessage("Expected job %s to have no lease but %s holds it until %s",
                    actual.job().id(), actual.job().leaseOwner(), actual.job().leaseUntil());
        }
        return this;
    }

    public JobAssert hasError(String expected) {
        isNotNull();
        if (!Objects.equals(actual.job().error(), expected)) {
            failWithMessage("Expected job %s to have the error <%s> but it has <%s>",
                    actual.job().id(), expected, actual.job().error());
        }
        return this;
    }

    /** The message of the latest entry of its history. */
    public JobAssert hasLastMessage(String expected) {
        isNotNull();
        String last = actual.history().isEmpty() ? null : actual.history().getLast().message();
        if (!Objects.equals(last, expected)) {
            failWithMessage("Expected the last move of job %s to say <%s> but it says <%s>",
                    actual.job().id(), expected, last);
        }
        return this;
    }

    /** The worker named by the latest entry of its history. */
    public JobAssert hasLastWorker(String expected) {
        isNotNull();
        String last = actual.history().isEmpty() ? null : actual.history().getLast().worker();
        if (!Objects.equals(last, expected)) {
            failWithMessage("Expected the last move of job %s to name worker <%s> but it names <%s>",
                    actual.job().id(), expected, last);
        }
        return this;
    }
}
