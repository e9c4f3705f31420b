package dev.conveyor.scheduler.manifest;

import dev.conveyor.common.event.ManifestEvent;
import dev.conveyor.common.event.ManifestFailed;
import dev.conveyor.common.event.ManifestSucceeded;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestDecider;
import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.common.manifest.ResultReferences;
import dev.conveyor.common.manifest.UnresolvableReferenceException;
import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.dispatch.DispatchResult;
import dev.conveyor.scheduler.metrics.ManifestMetrics;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.Manifest;
import dev.conveyor.store.ManifestStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies the {@link ManifestDecider}'s outcome to a manifest: "decide, then persist".
 *
 * <p>Everything happens in one transaction under the manifest row lock ({@link ManifestStore#lock}), so
 * two replicas handling two upstream successes at once decide one after the other, and the second sees
 * the first one's moves. Every move is also guarded by the job's state, so a duplicate or late event (or
 * the sweep racing an event) applies the same outcome a second time without changing anything.
 *
 * <p>Applying: skipped jobs WAITING to SKIPPED; ready jobs get their result references resolved and stored
 * ({@link ManifestStore#storeResolvedParams}),
 * then go through {@link Dispatcher#release} (WAITING to QUEUED plus the acknowledged JobDispatched, in
 * this transaction). A job whose references cannot be resolved fails without running, and the decision is
 * taken again so its dependents are skipped in the same transaction. A manifest that finishes is marked
 * so with a guarded update and its event is published after the commit.
 */
public class ManifestAdvancer {

    private static final Logger log = LoggerFactory.getLogger(ManifestAdvancer.class);

    private final ManifestStore manifests;
    private final JobStore jobs;
    private final Dispatcher dispatcher;
    private final ResultReferences references;
    private final ManifestEventPublisher events;
    private final TransactionOperations transaction;
    private final ManifestMetrics metrics;
    private final Clock clock;

    public ManifestAdvancer(ManifestStore manifests, JobStore jobs, Dispatcher dispatcher, ResultReferences references,
            ManifestEventPublisher events, TransactionOperations transaction, ManifestMetrics metrics, Clock clock) {
        this.manifests = manifests;
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.references = references;
        this.events = events;
        this.transaction = transaction;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A job of the manifest succeeded: its edges are marked satisfied, then the manifest is decided and advanced.
     *
     * @throws RuntimeException when a dispatch was not acknowledged: nothing changed, redeliver the event
     */
    public Advance onJobSucceeded(UUID manifestId, UUID jobId) {
        return onJobFinished(manifestId, jobId, () -> manifests.satisfyDependents(jobId));
    }

    /**
     * A job of the manifest failed for good or was cancelled: the manifest is decided and advanced (its
     * dependents are skipped).
     *
     * @throws RuntimeException when a dispatch was not acknowledged: nothing changed, redeliver the event
     */
    public Advance onJobFailedOrCancelled(UUID manifestId, UUID jobId) {
        return onJobFinished(manifestId, jobId, () -> {
        });
    }

    /** @param beforeDeciding what the finished job changes before the manifest is decided, under its lock */
    private Advance onJobFinished(UUID manifestId, UUID jobId, Runnable beforeDeciding) {
        return transaction.execute(status -> {
            Optional<Manifest> manifest = manifests.lock(manifestId);
            if (manifest.isEmpty()) {
                log.debug("Ignoring event of job {}: manifest {} unknown", jobId, manifestId);
                return Advance.nothing(manifestId);
            }
            // the event may come before the commit of whoever moved the job (the lease sweep sends its JobFailed
            // inside its transaction): wait for that commit so the snapshot below sees the job's final state
            manifests.awaitJobCommitted(jobId);
            beforeDeciding.run();
            return advanceLocked(manifest.get());
        });
    }

    /**
     * Decides and applies the manifest's next moves, in the caller's transaction if there is one (the
     * sweep, which already holds the lock) or in a new one.
     */
    public Advance advance(UUID manifestId) {
        return transaction.execute(status -> manifests.lock(manifestId)
                .map(this::advanceLocked)
                .orElseGet(() -> Advance.nothing(manifestId)));
    }

    private Advance advanceLocked(Manifest manifest) {
        List<UUID> dispatched = new ArrayList<>();
        List<UUID> skipped = new ArrayList<>();
        List<UUID> failed = new ArrayList<>();
        // each round that fails a job moves one more job to a terminal state, so this ends
        while (true) {
            List<Job> rows = manifests.jobs(manifest.id());
            Map<UUID, List<UUID>> edges = manifests.dependencies(manifest.id());
            ManifestDecider.Snapshot snapshot = snapshot(manifest, rows, edges);
            ManifestDecider.Outcome outcome = ManifestDecider.decide(snapshot);
            Map<UUID, Job> byId = new HashMap<>();
            rows.forEach(job -> byId.put(job.id(), job));

            skip(outcome.skip(), skipped);
            boolean failedSome = false;
            for (ManifestDecider.Node node : outcome.dispatch()) {
                failedSome |= release(byId.get(node.jobId()), rows, edges, dispatched, failed);
            }
            if (failedSome) {
                continue;
            }
            ManifestState finished = null;
            if (outcome.finishedNow()) {
                finished = finish(manifest, snapshot, outcome.state());
            }
            Advance advance = new Advance(manifest.id(), dispatched, skipped, failed, finished);
            if (advance.changedSomething()) {
                log.debug("Manifest {} advanced: {}", manifest.id(), advance);
            }
            return advance;
        }
    }

    private static ManifestDecider.Snapshot snapshot(Manifest manifest, List<Job> rows, Map<UUID, List<UUID>> edges) {
        Map<UUID, String> keys = new HashMap<>();
        rows.forEach(job -> keys.put(job.id(), job.jobKey()));
        return new ManifestDecider.Snapshot(manifest.id(), manifest.state(), rows.stream()
                .map(job -> new ManifestDecider.Node(job.jobKey(), job.id(), job.state(),
                        edges.getOrDefault(job.id(), List.of()).stream().map(keys::get).toList(),
                        job.pendingDependencies()))
                .toList());
    }

    private void skip(List<ManifestDecider.Skip> toSkip, List<UUID> skipped) {
        for (ManifestDecider.Skip skip : toSkip) {
            UUID id = skip.job().jobId();
            jobs.skip(id, JobState.WAITING, "skipped: " + skip.cause())
                    .ifPresentOrElse(moved -> skipped.add(moved.id()),
                            () -> log.trace("Job {} moved by another instance first", id));
        }
    }

    /** @return true when the job failed without running, so the manifest must be decided again */
    private boolean release(Job job, List<Job> manifestJobs, Map<UUID, List<UUID>> edges, List<UUID> dispatched,
            List<UUID> failed) {
        Map<String, Job> byKey = new HashMap<>();
        manifestJobs.forEach(other -> byKey.put(other.jobKey(), other));
        Job ready = job;
        try {
            Map<String, Object> params = references.resolve(job.params(),
                    key -> Optional.ofNullable(byKey.get(key))
                            .filter(upstream -> upstream.state() == JobState.SUCCEEDED)
                            .map(Job::result)
                            .orElse(null),
                    byKey::containsKey);
            if (params != job.params()) {
                if (!manifests.storeResolvedParams(job.id(), job.version(), params)) {
                    log.trace("Job {} moved by another instance first", job.id());
                    return false;
                }
                ready = jobs.find(job.id()).orElseThrow();
            }
        } catch (UnresolvableReferenceException e) {
            log.info("Job {} ({}) of manifest {} fails: {}", job.id(), job.jobKey(), job.manifestId(), e.getMessage());
            boolean moved = jobs.failWithoutRunning(job.id(), JobState.WAITING, e.getMessage()).isPresent();
            if (moved) {
                failed.add(job.id());
            }
            return moved;
        }
        // when the sweep releases a job because an upstream JobSucceeded was lost, its edges are still unmarked;
        // marking them (once, guarded) keeps pending_dependencies truthful
        if (ready.pendingDependencies() > 0) {
            edges.getOrDefault(job.id(), List.of()).forEach(manifests::satisfyDependents);
            ready = jobs.find(job.id()).orElseThrow();
        }
        DispatchResult released = dispatcher.release(ready);
        switch (released.kind()) {
            case QUEUED, SCHEDULED -> dispatched.add(job.id());
            case FAILED -> {
                failed.add(job.id());
                return true;
            }
            default -> log.trace("Job {} not released: {}", job.id(), released.kind());
        }
        return false;
    }

    private ManifestState finish(Manifest manifest, ManifestDecider.Snapshot snapshot, ManifestState state) {
        Optional<Manifest> finished = manifests.finish(manifest.id(), state);
        if (finished.isEmpty()) {
            return null;
        }
        ManifestEvent event = state == ManifestState.SUCCEEDED
                ? new ManifestSucceeded(ManifestEvent.SCHEMA_VERSION, manifest.id(), manifest.tenant(), manifest.name(),
                        clock.instant())
                : new ManifestFailed(ManifestEvent.SCHEMA_VERSION, manifest.id(), manifest.tenant(), manifest.name(),
                        state.name(), snapshot.jobs().stream()
                                .filter(node -> node.state() == JobState.FAILED || node.state() == JobState.CANCELLED)
                                .map(ManifestDecider.Node::key)
                                .toList(),
                        clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                metrics.finished(state, Duration.between(manifest.createdAt(), finished.get().finishedAt()));
                try {
                    events.publish(event);
                } catch (RuntimeException e) {
                    log.warn("Manifest {} finished {} but its event could not be published", manifest.id(), state, e);
                }
            }
        });
        log.info("Manifest {} ({}) finished {}", manifest.id(), manifest.name(), state);
        return state;
    }
}
