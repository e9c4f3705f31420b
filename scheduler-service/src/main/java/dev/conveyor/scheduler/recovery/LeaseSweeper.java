package dev.conveyor.scheduler.recovery;

import dev.conveyor.common.event.JobDeadLettered;
import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.dispatch.MessageSender;
import dev.conveyor.scheduler.system.BatchTransactions;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.store.DispatchStore;
import dev.conveyor.store.Job;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers RUNNING jobs whose worker stopped renewing its lease (crashed, partitioned, killed). Locks a batch with
 * {@code FOR UPDATE SKIP LOCKED}, so two replicas never take the same job, and in one transaction:
 * <ul>
 *   <li>jobs with attempts left: RUNNING to QUEUED in one statement (the lost attempt stays counted), their
 *       JobDispatched sent again on the dispatcher's batched path, so another worker picks them up;</li>
 *   <li>jobs on their last attempt: RUNNING to FAILED in one statement, each with a {@code JobFailed(willRetry=false)}
 *       on {@code conveyor.jobs.events} (so its manifest advances) and a {@code JobDeadLettered} on
 *       {@code conveyor.jobs.dead-letter}.</li>
 * </ul>
 * Every message is acknowledged before the commit; one that is not rolls the whole batch back for the next sweep.
 */
public class LeaseSweeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);

    /** What happened to one expired job. */
    public enum Recovery { REQUEUED, FAILED, LOST_RACE }

    /** @param jobId the job; {@code recovery} what the sweep did with it */
    public record Recovered(UUID jobId, Recovery recovery) {
        public boolean moved() {
            return recovery != Recovery.LOST_RACE;
        }
    }

    private final DispatchStore store;
    private final Dispatcher dispatcher;
    private final MessageSender sender;
    private final MessageJson json;
    private final BatchTransactions transactions;
    private final Clock clock;
    private final int batchSize;

    public LeaseSweeper(DispatchStore store, Dispatcher dispatcher, MessageSender sender, MessageJson json,
            BatchTransactions transactions, Clock clock, int batchSize) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.sender = sender;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** One batch of expired leases; empty when the batch was rolled back (logged). */
    public List<Recovered> sweepOnce() {
        Instant now = clock.instant();
        return transactions.inOne("expired leases", () -> recover(store.lockExpiredLeases(now, batchSize), now));
    }

    private List<Recovered> recover(List<Job> expired, Instant now) {
        List<UUID> requeue = new ArrayList<>();
        List<UUID> fail = new ArrayList<>();
        Map<UUID, Job> locked = new HashMap<>();
        for (Job job : expired) {
            locked.put(job.id(), job);
            (job.attempt() < job.maxAttempts() ? requeue : fail).add(job.id());
        }
        List<Recovered> done = new ArrayList<>(expired.size());
        List<Job> requeued = store.requeueExpired(requeue, now);
        dispatcher.publishQueued(requeued);
        requeued.forEach(job -> {
            Job before = locked.remove(job.id());
            log.info("Lease of {} on job {} expired; requeued after attempt {} of {}", before.leaseOwner(), job.id(),
                    job.attempt(), job.maxAttempts());
            done.add(new Recovered(job.id(), Recovery.REQUEUED));
        });
        List<Job> failed = store.failExpired(fail, now);
        MessageSender.Batch reports = sender.batch();
        for (Job row : failed) {
            Job before = locked.remove(row.id());
            reports.send(Topics.EVENTS, row.id(), json.write(new JobFailed(JobLifecycleEvent.SCHEMA_VERSION, row.id(),
                    row.tenant(), row.type(), row.attempt(), row.manifestId(), before.leaseOwner(), row.error(), false,
                    now)));
            reports.send(Topics.DEAD_LETTER, row.id(), json.write(new JobDeadLettered(JobDeadLettered.SCHEMA_VERSION,
                    row.id(), row.tenant(), row.type(), row.attempt(), row.error(), row.manifestId(),
                    now)));
            log.info("Lease of {} on job {} expired on its last attempt ({}); failed", before.leaseOwner(), row.id(),
                    row.attempt());
            done.add(new Recovered(row.id(), Recovery.FAILED));
        }
        reports.awaitAcknowledged();
        locked.keySet().forEach(id -> {
            log.trace("Job {} moved by another instance first", id);
            done.add(new Recovered(id, Recovery.LOST_RACE));
        });
        return done;
    }
}
