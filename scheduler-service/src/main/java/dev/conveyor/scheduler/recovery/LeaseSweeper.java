package dev.conveyor.scheduler.recovery;

import dev.conveyor.common.event.JobDeadLettered;
import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.dispatch.DispatchPublisher;
import dev.conveyor.scheduler.system.EventPublisher;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recovers RUNNING jobs whose worker stopped renewing its lease (crashed, partitioned, killed). Locks a
 * batch with {@code FOR UPDATE SKIP LOCKED}, so two replicas never take the same job, and for each:
 * <ul>
 *   <li>attempts left: RUNNING to QUEUED (the lost attempt stays counted) and its JobDispatched sent again
 *       on its typed topic, acknowledged, in the same transaction, so another worker picks it up;</li>
 *   <li>no attempts left: RUNNING to FAILED, with a {@code JobFailed(willRetry=false)} on
 *       {@code conveyor.jobs.events} (so its manifest advances) and a {@code JobDeadLettered} on
 *       {@code conveyor.jobs.dead-letter}, both acknowledged in the same transaction.</li>
 * </ul>
 * A send that fails rolls that job back (savepoint per job) and ends the batch; the next sweep retries it.
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

    private final JobStore jobs;
    private final DispatchPublisher dispatches;
    private final EventPublisher events;
    private final TransactionTemplate batch;
    private final TransactionTemplate eachJob;
    private final Clock clock;
    private final int batchSize;

    public LeaseSweeper(JobStore jobs, DispatchPublisher dispatches, EventPublisher events,
            PlatformTransactionManager transactionManager, Clock clock, int batchSize) {
        this.jobs = jobs;
        this.dispatches = dispatches;
        this.events = events;
        this.batch = new TransactionTemplate(transactionManager);
        this.eachJob = new TransactionTemplate(transactionManager);
        this.eachJob.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** One batch of expired leases. */
    public List<Recovered> sweepOnce() {
        Instant now = clock.instant();
        return batch.execute(status -> {
            List<Job> expired = jobs.lockExpiredLeases(now, batchSize);
            List<Recovered> done = new ArrayList<>(expired.size());
            for (Job job : expired) {
                try {
                    done.add(eachJob.execute(nested -> recover(job)));
                } catch (RuntimeException e) {
                    log.warn("Lease sweep stopped after {} of {} jobs: {}", done.size(), expired.size(), e.toString());
                    break;
                }
            }
            return done;
        });
    }

    private Recovered recover(Job job) {
        if (job.attempt() < job.maxAttempts()) {
            Optional<Job> requeued = jobs.requeueExpired(job.id(), job.leaseOwner(), job.attempt());
            if (requeued.isEmpty()) {
                return lostRace(job);
            }
            dispatches.publish(requeued.get(), dispatches.topicFor(requeued.get()));
            log.info("Lease of {} on job {} expired; requeued after attempt {} of {}", job.leaseOwner(), job.id(),
                    job.attempt(), job.maxAttempts());
            return new Recovered(job.id(), Recovery.REQUEUED);
        }
        Optional<Job> failed = jobs.failExpired(job.id(), job.leaseOwner(), job.attempt());
        if (failed.isEmpty()) {
            return lostRace(job);
        }
        Job row = failed.get();
        Instant now = clock.instant();
        events.publish(Topics.EVENTS, row.id(), new JobFailed(JobLifecycleEvent.SCHEMA_VERSION, row.id(), row.tenant(),
                row.type(), row.attempt(), row.manifestId(), job.leaseOwner(), row.error(), false, now));
        events.publish(Topics.DEAD_LETTER, row.id(), new JobDeadLettered(JobDeadLettered.SCHEMA_VERSION, row.id(),
                row.tenant(), row.type(), row.attempt(), row.params(), row.error(), row.manifestId(), now));
        log.info("Lease of {} on job {} expired on its last attempt ({}); failed", job.leaseOwner(), job.id(),
                job.attempt());
        return new Recovered(job.id(), Recovery.FAILED);
    }

    private static Recovered lostRace(Job job) {
        log.trace("Job {} moved by another instance first", job.id());
        return new Recovered(job.id(), Recovery.LOST_RACE);
    }
}
