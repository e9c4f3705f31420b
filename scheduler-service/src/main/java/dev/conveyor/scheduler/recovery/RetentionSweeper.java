package dev.conveyor.scheduler.recovery;

import dev.conveyor.store.RetentionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished jobs (with their history and edges) and finished manifests once they are older than the
 * retention period, in batches of one statement each so no transaction runs long. Run by the sweep loop at its
 * own interval. A job's idempotency key goes with it: the same key may create a new job afterwards.
 */
public class RetentionSweeper {

    /** Batches per run: a first run over a large backlog yields to the other sweeps instead of running for minutes. */
    static final int MAX_BATCHES_PER_RUN = 20;

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    /** @param jobs jobs deleted; {@code manifests} manifests deleted */
    public record Deleted(int jobs, int manifests) {
    }

    private final RetentionStore store;
    private final Clock clock;
    private final Duration keep;
    private final int batchSize;

    /** @param keep how long finished work is kept; zero or negative keeps it forever */
    public RetentionSweeper(RetentionStore store, Clock clock, Duration keep, int batchSize) {
        this.store = store;
        this.clock = clock;
        this.keep = keep;
        this.batchSize = batchSize;
    }

    public Deleted sweepOnce() {
        if (!keep.isPositive()) {
            return new Deleted(0, 0);
        }
        Instant cutoff = clock.instant().minus(keep);
        int jobs = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = store.deleteFinishedJobs(cutoff, batchSize);
            jobs += deleted;
            if (deleted < batchSize) {
                break;
            }
        }
        int manifests = store.deleteFinishedManifests(cutoff, batchSize);
        // a schedule's firings and finished webhook events are kept as long as the jobs they tell about
        store.deleteScheduleFirings(cutoff, batchSize);
        store.deleteFinishedWebhookDeliveries(cutoff, batchSize);
        if (jobs > 0 || manifests > 0) {
            log.info("Retention deleted {} jobs and {} manifests finished before {}", jobs, manifests, cutoff);
        }
        return new Deleted(jobs, manifests);
    }
}
