package dev.conveyor.worker.execution;

import dev.conveyor.worker.handler.Cancellation;
import java.time.Instant;
import java.util.Map;

/** How an attempt ends, as {@link AttemptOutcomeDecider} decided it; {@link AttemptRecorder} applies it. */
public sealed interface AttemptOutcome {

    /** The handler returned: RUNNING to SUCCEEDED with its result. */
    record Succeed(Map<String, Object> result) implements AttemptOutcome {
    }

    /** The attempt failed, another may not, and attempts are left: RUNNING to SCHEDULED until {@code notBefore}. */
    record RetryAt(String error, Instant notBefore) implements AttemptOutcome {
    }

    /**
     * The attempt failed for good (another would fail the same way, or it was the last): RUNNING to FAILED, and
     * dead-lettered. {@code partialResult} keeps what the attempt found, e.g. a check's per-assertion verdicts.
     */
    record Fail(String error, Map<String, Object> partialResult) implements AttemptOutcome {
    }

    /**
     * The attempt was stopped by a decision recorded elsewhere: a cancel request (the heartbeat recorded
     * CANCELLED), a lost lease (another worker owns the job) or a hand-back (the shutdown queued it again).
     * Nothing is stored.
     */
    record Cancelled(Cancellation.Reason reason) implements AttemptOutcome {
    }
}
