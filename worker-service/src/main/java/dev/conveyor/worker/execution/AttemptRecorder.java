package dev.conveyor.worker.execution;

import dev.conveyor.store.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link AttemptOutcome}: hands it to the {@link OutcomeWriter} (which stores it with others in one
 * guarded statement), waits until it is stored, then announces it and counts it in
 * {@code conveyor.jobs.executed}. An empty result from the store means the lease was lost and another worker owns
 * the job: nothing is announced.
 */
class AttemptRecorder {

    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

    private final OutcomeWriter outcomes;
    private final JobEventPublisher events;
    private final MeterRegistry meters;

    AttemptRecorder(OutcomeWriter outcomes, JobEventPublisher events, MeterRegistry meters) {
        this.outcomes = outcomes;
        this.events = events;
        this.meters = meters;
    }

    void record(Job job, AttemptOutcome outcome) {
        switch (outcome) {
            case AttemptOutcome.Cancelled cancelled -> {
                switch (cancelled.reason()) {
                    case LEASE_LOST -> {
                        log.info("Job {} attempt {} stopped: its lease was lost, another worker may own it", job.id(),
                                job.attempt());
                        count(job, "lease_lost");
                    }
                    // the heartbeat already moved the job to CANCELLED when it saw the request
                    case REQUESTED -> count(job, "cancelled");
                    // the shutdown already gave the job back to the queue; another worker runs it
                    case HANDED_BACK -> count(job, "handed_back");
                    case TIMED_OUT -> throw new IllegalArgumentException("a timeout is a failed attempt, not a cancel");
                }
            }
            case AttemptOutcome.Succeed succeed -> stored(job, outcomes.succeed(job.id(), job.attempt(), succeed.result()))
                    .ifPresent(stored -> {
                        count(job, "succeeded");
                        events.succeeded(stored, succeed.result());
                    });
            case AttemptOutcome.RetryAt retry -> stored(job,
                    outcomes.retryLater(job.id(), job.attempt(), retry.error(), retry.notBefore()))
                    .ifPresent(stored -> {
                        count(job, "retrying");
                        events.retrying(stored, retry.error());
                    });
            case AttemptOutcome.Fail fail -> stored(job,
                    outcomes.fail(job.id(), job.attempt(), fail.error(), fail.partialResult()))
                    .ifPresent(stored -> {
                        count(job, "failed");
                        events.failedForGood(stored, fail.error());
                        events.deadLettered(stored, fail.error());
                    });
        }
    }

    private Optional<Job> stored(Job job, Optional<Job> stored) {
        if (stored.isEmpty()) {
            log.info("Job {} attempt {} finished after its lease was lost; its outcome is not recorded", job.id(),
                    job.attempt());
            count(job, "lease_lost");
        }
        return stored;
    }

    private void count(Job job, String outcome) {
        Counter.builder("conveyor.jobs.executed").tag("type", job.type()).tag("outcome", outcome)
                .register(meters).increment();
    }
}
