package dev.conveyor.worker.execution;

import dev.conveyor.store.Job;
import dev.conveyor.worker.metrics.JobRunMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link AttemptOutcome}: hands it to the {@link OutcomeWriter} (which stores it with others in one
 * guarded statement), waits until it is stored, then announces it (the scheduler counts what it announces). Lost
 * leases and hand-backs are counted here, as nothing is announced for them. An empty result from the store means the lease was lost and another worker owns
 * the job: nothing is announced.
 */
class AttemptRecorder {

    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

    private final OutcomeWriter outcomes;
    private final JobEventPublisher events;
    private final JobRunMetrics metrics;

    AttemptRecorder(OutcomeWriter outcomes, JobEventPublisher events, JobRunMetrics metrics) {
        this.outcomes = outcomes;
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * Stores {@code outcome} of the claimed {@code job}; its announcement describes the job as claimed (id, tenant,
     * type, attempt, manifest), which storing the outcome does not change.
     */
    void record(Job job, AttemptOutcome outcome) {
        switch (outcome) {
            case AttemptOutcome.Cancelled cancelled -> {
                switch (cancelled.reason()) {
                    case LEASE_LOST -> {
                        log.info("Job {} attempt {} stopped: its lease was lost, another worker may own it", job.id(),
                                job.attempt());
                        metrics.leaseLost(job);
                    }
                    // the heartbeat already moved the job to CANCELLED when it saw the request
                    case REQUESTED -> {
                    }
                    // the shutdown already gave the job back to the queue; another worker runs it
                    case HANDED_BACK -> metrics.handedBack(job);
                    case TIMED_OUT -> throw new IllegalArgumentException("a timeout is a failed attempt, not a cancel");
                }
            }
            case AttemptOutcome.Succeed succeed -> {
                if (stored(job, outcomes.succeed(job.id(), job.attempt(), succeed.result()))) {
                    events.succeeded(job, succeed.result());
                }
            }
            case AttemptOutcome.RetryAt retry -> {
                if (stored(job, outcomes.retryLater(job.id(), job.attempt(), retry.error(), retry.notBefore()))) {
                    events.retrying(job, retry.error());
                }
            }
            case AttemptOutcome.Fail fail -> {
                if (stored(job, outcomes.fail(job.id(), job.attempt(), fail.error(), fail.partialResult()))) {
                    events.failedForGood(job, fail.error());
                    events.deadLettered(job, fail.error());
                }
            }
        }
    }

    /** Whether the outcome was stored; false (the lease was lost) is logged and counted. */
    private boolean stored(Job job, boolean stored) {
        if (!stored) {
            log.info("Job {} attempt {} finished after its lease was lost; its outcome is not recorded", job.id(),
                    job.attempt());
            metrics.leaseLost(job);
        }
        return stored;
    }
}
