package dev.conveyor.frontend.job;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Cancels one job through the store's guarded statements. A job no worker holds (SUBMITTED, WAITING, SCHEDULED,
 * QUEUED) is CANCELLED at once; a RUNNING one only gets {@code cancel_requested}, because only its worker can stop
 * the work, and the worker records CANCELLED. The scheduler and workers move jobs concurrently, so a guarded update
 * can find the job in another state than the one last read: then the job is read again and the decision made
 * again, a bounded number of times.
 *
 * <p>Nothing is published here: callers publish {@code JobCancelled} once their transaction committed.
 */
@Component
public class JobCanceller {

    /** How many times a lost race is retried before giving up with a 409. */
    static final int MAX_RACES = 5;

    /** What the cancel did. */
    public sealed interface Result permits Cancelled, CancelRequested, AlreadyFinished {
    }

    /** The job is CANCELLED now. */
    public record Cancelled(Job job) implements Result {
    }

    /** The job is RUNNING and its worker was asked to stop it; {@code job} as read after the request. */
    public record CancelRequested(Job job) implements Result {
    }

    /** The job had already finished, in {@code state}; nothing changed. */
    public record AlreadyFinished(JobState state) implements Result {
    }

    private final JobStore jobs;

    JobCanceller(JobStore jobs) {
        this.jobs = jobs;
    }

    /**
     * @param id the job to cancel
     * @param state its state as last read; the decision starts from it
     */
    public Result cancel(UUID id, JobState state, String reason) {
        JobState current = state;
        for (int round = 0; round < MAX_RACES; round++) {
            if (current.isTerminal()) {
                return new AlreadyFinished(current);
            }
            if (current.isCancellableWithoutWorker()) {
                Optional<Job> cancelled = jobs.cancel(id, current, reason);
                if (cancelled.isPresent()) {
                    return new Cancelled(cancelled.get());
                }
            } else if (current == JobState.RUNNING && jobs.requestCancel(id)) {
                // read again for the answer: the worker may already have stopped it, and the state says so
                return new CancelRequested(jobs.find(id).orElseThrow());
            }
            // lost a race: the job moved between the read and the guarded update; look again
            current = jobs.find(id).orElseThrow().state();
        }
        throw new JobStateConflictException(id, "kept changing state while being cancelled; try again");
    }
}
