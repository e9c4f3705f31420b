package dev.conveyor.scheduler.manifest;

import dev.conveyor.scheduler.system.BatchTransactions;
import dev.conveyor.store.ManifestStore;
import java.util.List;

/**
 * The manifests' safety net, run by the sweep: finds RUNNING manifests an event should have moved and
 * advances them on the same decide-and-apply path as the events ({@link ManifestAdvancer#advance}).
 * A manifest needs the sweep when all its jobs are terminal (its last event was lost, or it was not
 * finished when the event came) or when one of its WAITING jobs has only terminal dependencies (a
 * JobSucceeded, JobFailed or JobCancelled was lost); {@link ManifestStore#lockStuck} finds them with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas take disjoint batches and skip a manifest an event is advancing
 * right now. Each manifest is advanced under its own savepoint: a failed dispatch undoes that manifest only.
 */
public class ManifestSweeper {

    private final ManifestStore manifests;
    private final ManifestAdvancer advancer;
    private final BatchTransactions transactions;
    private final int batchSize;

    public ManifestSweeper(ManifestStore manifests, ManifestAdvancer advancer, BatchTransactions transactions,
            int batchSize) {
        this.manifests = manifests;
        this.advancer = advancer;
        this.transactions = transactions;
        this.batchSize = batchSize;
    }

    /** One batch of stuck manifests, each advanced; returns what changed. */
    public List<Advance> sweepOnce() {
        return transactions.eachUnderSavepoint("manifests", () -> manifests.lockStuck(batchSize), advancer::advance);
    }
}
