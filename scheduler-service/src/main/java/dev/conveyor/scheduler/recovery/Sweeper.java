package dev.conveyor.scheduler.recovery;

import dev.conveyor.common.job.JobState;
import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.dispatch.Outcome;
import dev.conveyor.scheduler.manifest.Advance;
import dev.conveyor.scheduler.manifest.ManifestSweeper;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The safety net behind the message-driven path: dispatches SCHEDULED jobs that came due and SUBMITTED
 * jobs whose JobSubmitted was lost (the API committed the row but crashed before publishing, or the
 * dispatch failed), recovers RUNNING jobs whose lease expired ({@link LeaseSweeper}) and advances
 * manifests whose events were lost ({@link ManifestSweeper}). Replicas sweep without a leader: {@code FOR UPDATE SKIP LOCKED} hands each replica
 * a disjoint batch, and the guarded update stops a replica that read a row just before another moved it.
 */
public class Sweeper {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

    /** Why a job was recovered; the tag of {@code conveyor.sweep.recovered}. */
    enum Reason {
        DUE("due"), LOST_MESSAGE("lost-message"), LEASE_EXPIRED("lease-expired"), MANIFEST("manifest");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    private final JobStore jobs;
    private final Dispatcher dispatcher;
    private final LeaseSweeper leases;
    private final ManifestSweeper manifests;
    private final TransactionTemplate batch;
    private final TransactionTemplate eachJob;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration lostMessageAfter;
    private final int batchSize;

    public Sweeper(JobStore jobs, Dispatcher dispatcher, LeaseSweeper leases, ManifestSweeper manifests,
            PlatformTransactionManager transactionManager, MeterRegistry meters, Clock clock, Duration lostMessageAfter,
            int batchSize) {
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.leases = leases;
        this.manifests = manifests;
        this.batch = new TransactionTemplate(transactionManager);
        // a savepoint per job: a failed send undoes that job only, the rest of the batch still commits
        this.eachJob = new TransactionTemplate(transactionManager);
        this.eachJob.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.meters = meters;
        this.clock = clock;
        this.lostMessageAfter = lostMessageAfter;
        this.batchSize = batchSize;
    }

    /**
     * One pass over each kind of overdue work, at most one batch of each: due and lost jobs, expired
     * leases, then manifests (last, so a job failed for good just now is already terminal when its
     * manifest is looked at).
     */
    public SweepReport sweepOnce() {
        Instant now = clock.instant();
        List<Outcome> due = sweep(JobState.SCHEDULED, now, Reason.DUE);
        List<Outcome> lost = sweep(JobState.SUBMITTED, now.minus(lostMessageAfter), Reason.LOST_MESSAGE);
        List<LeaseSweeper.Recovered> expired = leases.sweepOnce();
        count(Reason.LEASE_EXPIRED, expired.stream().filter(LeaseSweeper.Recovered::moved).count(), "RUNNING");
        List<Advance> advanced = manifests.sweepOnce();
        count(Reason.MANIFEST, advanced.stream().filter(Advance::changedSomething).count(), "manifest");
        return new SweepReport(due, lost, expired, advanced);
    }

    private void count(Reason reason, long moved, String what) {
        if (moved > 0) {
            meters.counter("conveyor.sweep.recovered", "reason", reason.tag).increment(moved);
            log.info("Sweep recovered {} {} ({})", moved, what, reason.tag);
        }
    }

    private List<Outcome> sweep(JobState state, Instant cutoff, Reason reason) {
        List<Outcome> outcomes = batch.execute(status -> {
            List<Job> locked = jobs.lockDue(state, cutoff, batchSize);
            List<Outcome> done = new ArrayList<>(locked.size());
            for (Job job : locked) {
                try {
                    done.add(eachJob.execute(nested -> dispatcher.apply(job)));
                } catch (RuntimeException e) {
                    // most likely Kafka is unreachable: stop here rather than wait out a timeout per job
                    log.warn("Sweep stopped after {} of {} {} jobs: {}", done.size(), locked.size(), state,
                            e.toString());
                    break;
                }
            }
            return done;
        });
        count(reason, outcomes.stream().filter(Outcome::moved).count(), state + " jobs");
        return outcomes;
    }
}
