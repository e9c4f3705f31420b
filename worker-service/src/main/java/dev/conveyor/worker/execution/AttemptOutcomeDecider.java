package dev.conveyor.worker.execution;

import dev.conveyor.worker.handler.Cancellation;
import dev.conveyor.worker.handler.NonRetryableJobException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Decides how an attempt ends from what the executor saw, and nothing else: the handler's result or exception,
 * why the attempt was stopped if it was, and how many attempts the job has. "Decide, then persist": the
 * {@link AttemptRecorder} applies the decision; this class does no I/O, so every rule is tested without a
 * database, a broker or Spring.
 *
 * <ul>
 *   <li>Stopped because of a cancel request, a lost lease or a hand-back: {@link AttemptOutcome.Cancelled}.</li>
 *   <li>Stopped because it ran past its timeout: a failed attempt that may be retried.</li>
 *   <li>The handler returned: {@link AttemptOutcome.Succeed}.</li>
 *   <li>The handler threw: retried after the {@link RetryPolicy}'s backoff while attempts are left and the
 *       failure is {@linkplain Failures#isRetryable retryable}, otherwise failed for good.</li>
 * </ul>
 */
public final class AttemptOutcomeDecider {

    /**
     * How an attempt's handler ended.
     *
     * @param result what the handler returned, or null when it threw
     * @param failure what the handler threw, or null when it returned
     * @param cancelled why the attempt was stopped, or null when nothing stopped it
     * @param timeout the attempt's timeout, or null without one
     */
    public record Ended(Map<String, Object> result, Throwable failure, Cancellation.Reason cancelled,
            Duration timeout) {
    }

    private final RetryPolicy retry;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) that jitter the backoff */
    public AttemptOutcomeDecider(RetryPolicy retry, DoubleSupplier random) {
        this.retry = retry;
        this.random = random;
    }

    /**
     * @param attempt the attempt that ended, 1 for the first
     * @param maxAttempts how many attempts the job may have
     * @param now when it ended
     */
    public AttemptOutcome decide(Ended ended, int attempt, int maxAttempts, Instant now) {
        if (ended.cancelled() != null && ended.cancelled() != Cancellation.Reason.TIMED_OUT) {
            return new AttemptOutcome.Cancelled(ended.cancelled());
        }
        if (ended.cancelled() == Cancellation.Reason.TIMED_OUT) {
            return failed("timed out after " + ended.timeout(), true, Map.of(), attempt, maxAttempts, now);
        }
        if (ended.failure() == null) {
            return new AttemptOutcome.Succeed(ended.result() == null ? Map.of() : ended.result());
        }
        Throwable failure = ended.failure();
        Map<String, Object> partial = failure instanceof NonRetryableJobException nonRetryable
                ? nonRetryable.result() : Map.of();
        return failed(Failures.describe(failure), Failures.isRetryable(failure), partial, attempt, maxAttempts, now);
    }

    private AttemptOutcome failed(String error, boolean retryable, Map<String, Object> partial, int attempt,
            int maxAttempts, Instant now) {
        if (retryable && attempt < maxAttempts) {
            return new AttemptOutcome.RetryAt(error, now.plus(retry.backoff(attempt, random)));
        }
        return new AttemptOutcome.Fail(error, partial);
    }
}
