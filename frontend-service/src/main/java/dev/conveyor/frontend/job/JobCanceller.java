package dev.conveyor.frontend.job;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Cancels one job through the store's guarded statements. A job no worker holds (SUBMITTED, WAITING,
 * SCHEDULED, QUEUED) is CANCELLED at once; a RUNNING one only gets {@code cancel_requested}, because
 * only its worker can stop the work, and the worker records CANCELLED. The scheduler and workers move
 * jobs concurrently, so a guarded update can find the job in another state than the one just read:
 * then the job is read again and the decision made again, a bounded number of times.
 *
 * <p>Nothing is published here: callers publish {@code JobCancelled} once their transaction committed.
 */
@Component
public class JobCanceller {

    /** How many times a lost race is retried before giving up with a 409. */
    static final int MAX_RACES = 5;

    public enum Outcome {
        /** The job is CANCELLED now. */
        CANCELLED,
        /** The job is RUNNING and its worker was asked to stop it. */
        CANCEL_REQUESTED,
        /** The job had already finished; nothing changed. */
        ALREADY_FINISHED
    }

    /** @param job the job as it is after the attempt */
    public record Result(Outcome outcome, Job job) {
    }

    private final JobStore jobs;

    JobCanceller(JobStore jobs) {
        this.jobs = jobs;
    }

    /** @param job the job as last read; the decision starts from its state */
    public Result cancel(Job job, String reason) {
        Job current = job;
        for (int round = 0; round < MAX_RACES; round++) {
            JobState state = current.state();
            if (state.isTerminal()) {
                return new Result(Outcome.ALREADY_FINISHED, current);
            }
            if (state.isCancellableWithoutWorker()) {
                Optional<Job> cancelled = jobs.cancel(current.id(), state, reason);
                if (cancelled.isPresent()) {
                    return new Result(Outcome.CANCELLED, cancelled.get());
                }
            } else if (state == JobState.RUNNING && jobs.requestCancel(current.id())) {
                // read again for the answer: the worker may already have stopped it, and the state says so
                return new Result(Outcome.CANCEL_REQUESTED, jobs.find(current.id()).orElseThrow());
            }
            // lost a race: the job moved between the read and the guarded update; look again
            current = jobs.find(current.id()).orElseThrow();
        }
        throw new JobStateConflictException(job.id(), "kept changing state while being cancelled; try again");
    }
}
