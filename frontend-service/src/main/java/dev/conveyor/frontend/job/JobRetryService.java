package dev.conveyor.frontend.job;

import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestDecider;
import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.ManifestStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a FAILED, CANCELLED or SKIPPED job over as a new attempt. A job in a manifest goes back to
 * WAITING while it has unsatisfied dependencies, and the SKIPPED jobs downstream of it are re-armed
 * (WAITING again) so the manifest can still complete; the manifest is reopened. All of it happens in
 * one transaction under the manifest's row lock, the lock the scheduler decides under, so it never
 * sees half a retry. {@code JobSubmitted} goes out only after the commit.
 */
@Service
class JobRetryService {

    static final String REASON = "retry requested";

    private final JobStore jobs;
    private final ManifestStore manifests;
    private final TransactionTemplate transactions;
    private final JobEventPublisher publisher;

    JobRetryService(JobStore jobs, ManifestStore manifests, TransactionTemplate transactions,
            JobEventPublisher publisher) {
        this.jobs = jobs;
        this.manifests = manifests;
        this.transactions = transactions;
        this.publisher = publisher;
    }

    /** @param job the job as the caller read it (already checked to belong to the tenant) */
    Job retry(Job job) {
        for (int round = 0; round < JobCanceller.MAX_RACES; round++) {
            List<Job> toAnnounce = new ArrayList<>();
            Job retried = transactions.execute(status -> attempt(job.id(), job.manifestId(), toAnnounce));
            if (retried != null) {
                toAnnounce.forEach(publisher::submitted);
                return retried;
            }
            // lost a race: the job moved between the read and the guarded update; look again
        }
        throw new JobStateConflictException(job.id(), "kept changing state while being retried; try again");
    }

    /** One try inside a transaction; null when the guarded update found the job in another state. */
    private Job attempt(UUID id, UUID manifestId, List<Job> toAnnounce) {
        if (manifestId != null) {
            manifests.lock(manifestId);
        }
        Job current = jobs.find(id).orElseThrow(() -> new JobNotFoundException(id));
        JobState from = current.state();
        if (!isRetryable(from)) {
            throw new JobStateConflictException(id, "is " + from
                    + "; only FAILED, CANCELLED or SKIPPED jobs can be retried");
        }
        JobState to = ManifestDecider.restartState(current.pendingDependencies());
        Optional<Job> moved = jobs.retry(id, from, to);
        if (moved.isEmpty()) {
            return null;
        }
        if (to == JobState.SUBMITTED) {
            toAnnounce.add(moved.get());
        }
        if (manifestId != null) {
            rearmSkippedDependents(moved.get(), toAnnounce);
            manifests.reopen(manifestId);
        }
        return moved.get();
    }

    /** Applies the manifest decider's choice of the skipped dependents that start over with the retried job. */
    private void rearmSkippedDependents(Job retried, List<Job> toAnnounce) {
        List<Job> members = manifests.jobs(retried.manifestId());
        Map<UUID, List<UUID>> edges = manifests.dependencies(retried.manifestId());
        Map<UUID, String> keys = new HashMap<>();
        members.forEach(member -> keys.put(member.id(), member.jobKey()));
        List<ManifestDecider.Node> nodes = members.stream()
                .map(member -> new ManifestDecider.Node(member.jobKey(), member.id(), member.state(),
                        edges.getOrDefault(member.id(), List.of()).stream().map(keys::get).toList(),
                        member.pendingDependencies()))
                .toList();
        for (ManifestDecider.Rearm rearm : ManifestDecider.rearm(nodes, retried.jobKey())) {
            jobs.retry(rearm.job().jobId(), JobState.SKIPPED, rearm.to())
                    .filter(rearmed -> rearmed.state() == JobState.SUBMITTED)
                    .ifPresent(toAnnounce::add);
        }
    }

    static boolean isRetryable(JobState state) {
        return state == JobState.FAILED || state == JobState.CANCELLED || state == JobState.SKIPPED;
    }
}
