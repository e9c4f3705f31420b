package dev.conveyor.scheduler.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.conveyor.store.ManifestStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The manifests' safety net, run by the sweep: finds RUNNING manifests an event should have moved and
 * advances them on the same decide-and-apply path as the events ({@link ManifestAdvancer#advance}).
 * A manifest needs the sweep when all its jobs are terminal (its last event was lost, or it was not
 * finished when the event came) or when one of its WAITING jobs has only terminal dependencies (a
 * JobSucceeded, JobFailed or JobCancelled was lost); {@link ManifestStore#lockStuck} finds them with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas take disjoint batches and skip a manifest an event is advancing
 * right now.
 */
public class ManifestSweeper {

    private static final Logger log = LoggerFactory.getLogger(ManifestSweeper.class);

    private final ManifestStore manifests;
    private final ManifestAdvancer advancer;
    private final TransactionTemplate batch;
    private final TransactionTemplate eachManifest;
    private final int batchSize;

    public ManifestSweeper(ManifestStore manifests, ManifestAdvancer advancer, PlatformTransactionManager transactionManager,
            int batchSize) {
        this.manifests = manifests;
        this.advancer = advancer;
        this.batch = new TransactionTemplate(transactionManager);
        // a savepoint per manifest: a failed dispatch undoes that manifest only
        this.eachManifest = new TransactionTemplate(transactionManager);
        this.eachManifest.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.batchSize = batchSize;
    }

    /** One batch of stuck manifests, each advanced; returns what changed. */
    public List<Advance> sweepOnce() {
        return batch.execute(status -> {
            List<UUID> locked = manifests.lockStuck(batchSize);
            List<Advance> done = new ArrayList<>(locked.size());
            for (UUID id : locked) {
                try {
                    done.add(eachManifest.execute(nested -> advancer.advance(id)));
                } catch (RuntimeException e) {
                    log.warn("Manifest sweep stopped after {} of {} manifests: {}", done.size(), locked.size(),
                            e.toString());
                    break;
                }
            }
            return done;
        });
    }
}
