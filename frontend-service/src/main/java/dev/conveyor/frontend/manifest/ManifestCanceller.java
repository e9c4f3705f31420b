package dev.conveyor.frontend.manifest;

import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.job.JobCanceller;
import dev.conveyor.store.Job;
import dev.conveyor.store.ManifestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels every job of a manifest that has not finished: the ones no worker holds become CANCELLED at once, RUNNING
 * ones are asked to stop (their workers record CANCELLED). It runs in one transaction under the manifest's row lock,
 * the lock the scheduler decides under, so the scheduler cannot release a waiting job halfway through; the jobs are
 * read under that lock through the store, like every read a change is decided on. {@code JobCancelled} is published
 * for each job cancelled here only after the commit, and lets the scheduler record the manifest as finished.
 */
@Component
class ManifestCanceller {

    static final String REASON = "manifest cancelled through the API";

    private final ManifestStore manifests;
    private final JobCanceller canceller;
    private final TransactionTemplate transactions;
    private final JobEventPublisher publisher;

    ManifestCanceller(ManifestStore manifests, JobCanceller canceller, TransactionTemplate transactions,
            JobEventPublisher publisher) {
        this.manifests = manifests;
        this.canceller = canceller;
        this.transactions = transactions;
        this.publisher = publisher;
    }

    /** @param manifestId a manifest already checked to belong to the caller's tenant */
    void cancel(UUID manifestId) {
        List<Job> cancelled = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            manifests.lock(manifestId);
            List<Job> jobs = manifests.jobs(manifestId);
            if (jobs.stream().allMatch(job -> job.state().isTerminal())) {
                throw new ManifestFinishedException(manifestId,
                        ManifestState.of(jobs.stream().map(Job::state).toList()).name());
            }
            for (Job job : jobs) {
                if (canceller.cancel(job.id(), job.state(), REASON) instanceof JobCanceller.Cancelled done) {
                    cancelled.add(done.job());
                }
            }
        });
        cancelled.forEach(job -> publisher.cancelled(job, REASON));
    }
}
