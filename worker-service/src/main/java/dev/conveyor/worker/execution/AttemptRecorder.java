package dev.conveyor.worker.execution;

import dev.conveyor.store.Job;
import dev.conveyor.worker.metrics.JobRunMetrics;
import java.util.Optional;
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
            case AttemptOutcome.Succeed succeed -> stored(job, outcomes.succeed(job.id(), job.attempt(), succeed.result()))
                    .ifPresent(stored -> events.succeeded(stored, succeed.result()));
            case AttemptOutcome.RetryAt retry -> stored(job,
                    outcomes.retryLater(job.id(), job.attempt(), retry.error(), retry.notBefore()))
                    .ifPresent(stored -> events.retrying(stored, retry.error()));
            case AttemptOutcome.Fail fail -> stored(job,
                    outcomes.fail(job.id(), job.attempt(), fail.error(), fail.partialResult()))
                    .ifPresent(stored -> {
                        events.failedForGood(stored, fail.error());
                        events.deadLettered(stored, fail.error());
                    });
        }
    }

    private Optional<Job> stored(Job job, Optional<Job> stored) {
        if (stored.isEmpty()) {
            log.info("Job {} attempt {} finished after its lease was lost; its outcome is not recorded", job.id(),
                    job.attempt());
            metrics.leaseLost(job);
        }
        return stored;
    }
}
