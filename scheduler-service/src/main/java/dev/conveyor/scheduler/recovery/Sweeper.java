package dev.conveyor.scheduler.recovery;

import dev.conveyor.common.job.JobState;
import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.dispatch.DispatchResult;
import dev.conveyor.scheduler.manifest.Advance;
import dev.conveyor.scheduler.manifest.ManifestSweeper;
import dev.conveyor.scheduler.system.BatchTransactions;
import dev.conveyor.store.DispatchStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the message-driven path: dispatches SCHEDULED jobs that came due and SUBMITTED jobs whose
 * JobSubmitted was lost (the API committed the row but crashed before publishing, or the dispatch failed), sends
 * again the JobDispatched of QUEUED jobs whose message is overdue (a draining worker handed a job back and its
 * re-send failed), recovers RUNNING jobs whose lease expired ({@link LeaseSweeper}) and advances manifests whose
 * events were lost ({@link ManifestSweeper}).
 *
 * <p>Each kind is one batch in one transaction on the dispatcher's batched path: rows locked with
 * {@code FOR UPDATE SKIP LOCKED}, moved with one statement per kind of move, all messages acknowledged before the
 * commit, the whole batch rolled back when one is not. Replicas sweep without a leader, and the sweep and the
 * event path never wait for each other: each skips the rows the other holds.
 */
public class Sweeper {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

    /** Why a job was recovered; the tag of {@code conveyor.sweep.recovered}. */
    enum Reason {
        DUE("due"), LOST_MESSAGE("lost-message"), OVERDUE_QUEUED("overdue-queued"), LEASE_EXPIRED("lease-expired"),
        MANIFEST("manifest");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    private final DispatchStore store;
    private final Dispatcher dispatcher;
    private final LeaseSweeper leases;
    private final ManifestSweeper manifests;
    private final BatchTransactions transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration lostMessageAfter;
    private final Duration requeueQueuedAfter;
    private final int batchSize;

    public Sweeper(DispatchStore store, Dispatcher dispatcher, LeaseSweeper leases, ManifestSweeper manifests,
            BatchTransactions transactions, MeterRegistry meters, Clock clock, Duration lostMessageAfter,
            Duration requeueQueuedAfter, int batchSize) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.leases = leases;
        this.manifests = manifests;
        this.transactions = transactions;
        this.meters = meters;
        // at zero from the start, so a rate of lease expiries is 0 rather than "no data"
        for (Reason reason : Reason.values()) {
            meters.counter("conveyor.sweep.recovered", "reason", reason.tag);
        }
        this.clock = clock;
        this.lostMessageAfter = lostMessageAfter;
        this.requeueQueuedAfter = requeueQueuedAfter;
        this.batchSize = batchSize;
    }

    /**
     * One pass over each kind of overdue work, at most one batch of each: due and lost jobs, overdue QUEUED jobs,
     * expired leases, then manifests (last, so a job failed for good just now is already terminal when its manifest
     * is looked at).
     */
    public SweepReport sweepOnce() {
        Instant now = clock.instant();
        // their jobs would be locked and left again, filling the batches other tenants' jobs need
        Set<String> full = dispatcher.tenantsWithoutFreeSlot();
        List<DispatchResult> due = inBatch(Reason.DUE, () -> dispatcher.applyLocked(
                store.lockDue(JobState.SCHEDULED, now, batchSize, full)));
        List<DispatchResult> lost = inBatch(Reason.LOST_MESSAGE, () -> dispatcher.applyLocked(
                store.lockDue(JobState.SUBMITTED, now.minus(lostMessageAfter), batchSize, full)));
        List<DispatchResult> overdue = resendOverdueQueued(now);
        List<LeaseSweeper.Recovered> expired = leases.sweepOnce();
        count(Reason.LEASE_EXPIRED, expired.stream().filter(LeaseSweeper.Recovered::moved).count());
        List<Advance> advanced = manifests.sweepOnce();
        count(Reason.MANIFEST, advanced.stream().filter(Advance::changedSomething).count());
        return new SweepReport(due, lost, overdue, expired, advanced);
    }

    /** Only the QUEUED sweep: jobs queued (or last re-sent) longer ago than {@code requeue-queued-after}. */
    public List<DispatchResult> resendOverdueQueued(Instant now) {
        return inBatch(Reason.OVERDUE_QUEUED, () -> dispatcher.resendQueued(
                store.lockOverdueQueued(now.minus(requeueQueuedAfter), batchSize)));
    }

    private List<DispatchResult> inBatch(Reason reason, Supplier<List<DispatchResult>> sweep) {
        List<DispatchResult> results = transactions.inOne(reason.tag + " jobs", sweep);
        count(reason, results.stream().filter(DispatchResult::moved).count());
        return results;
    }

    private void count(Reason reason, long moved) {
        if (moved > 0) {
            meters.counter("conveyor.sweep.recovered", "reason", reason.tag).increment(moved);
            log.info("Sweep recovered {} ({})", moved, reason.tag);
        }
    }
}
