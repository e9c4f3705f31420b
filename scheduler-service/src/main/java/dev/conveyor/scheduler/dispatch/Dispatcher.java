package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies the {@link DispatchDecider}'s moves to the database and to Kafka.
 *
 * <p>Queueing is the one move with two sides: the guarded SUBMITTED/SCHEDULED to QUEUED update and the
 * acknowledged send happen in one transaction, update first. If the send fails the transaction rolls
 * back and the job is left where it was for the sweep; a job is therefore never QUEUED without its
 * message on Kafka. A worker that consumes the message before the commit blocks on the row lock in its
 * claim and then sees QUEUED, so the early delivery is harmless.
 */
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JobStore jobs;
    private final WaitingJobs waitingJobs;
    private final DispatchDecider decider;
    private final DispatchPublisher publisher;
    private final TransactionOperations transaction;
    private final MeterRegistry meters;
    private final Clock clock;

    public Dispatcher(JobStore jobs, WaitingJobs waitingJobs, DispatchDecider decider, DispatchPublisher publisher,
            TransactionOperations transaction, MeterRegistry meters, Clock clock) {
        this.jobs = jobs;
        this.waitingJobs = waitingJobs;
        this.decider = decider;
        this.publisher = publisher;
        this.transaction = transaction;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Handles a JobSubmitted. The row is the truth: an unknown id or a job that is no longer SUBMITTED
     * (a redelivery, or the sweep got there first) is left alone.
     *
     * @throws DispatchNotAcknowledgedException when Kafka did not take the JobDispatched; nothing changed
     */
    public Outcome onSubmitted(UUID jobId) {
        return transaction.execute(status -> {
            Optional<Job> job = jobs.find(jobId);
            if (job.isEmpty()) {
                log.debug("Ignoring JobSubmitted for unknown job {}", jobId);
                return Outcome.of(jobId, Outcome.Kind.LEFT);
            }
            if (job.get().state() != JobState.SUBMITTED) {
                log.debug("Ignoring JobSubmitted for job {}: already {}", jobId, job.get().state());
                return Outcome.of(jobId, Outcome.Kind.LEFT);
            }
            return apply(job.get());
        });
    }

    /**
     * Decides and applies the next move of a job read in the caller's transaction (the sweep holds the
     * row lock). Must run inside a transaction: queueing relies on it to undo the update on a failed send.
     */
    public Outcome apply(Job job) {
        requireTransaction("apply");
        return applyMove(job, decider.decide(job, clock.instant()));
    }

    /**
     * Releases a WAITING job of a manifest whose dependencies are done, read in the caller's transaction
     * (which holds the manifest lock): queued and dispatched on the same path as any other job, or
     * SCHEDULED when its {@code not_before} is still ahead (the sweep queues it when due).
     */
    public Outcome release(Job job) {
        requireTransaction("release");
        return applyMove(job, decider.decideReleased(job, clock.instant()));
    }

    private static void requireTransaction(String method) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Dispatcher." + method + " needs a transaction");
        }
    }

    private Outcome applyMove(Job job, NextMove move) {
        return switch (move) {
            case NextMove.Queue queue -> queue(job);
            case NextMove.Schedule schedule -> jobs.schedule(job.id(), job.state(), schedule.notBefore())
                    .map(scheduled -> Outcome.of(job.id(), Outcome.Kind.SCHEDULED))
                    .orElseGet(() -> lostRace(job));
            case NextMove.Wait wait -> waitingJobs.markWaiting(job.id(), job.state(), wait.pendingDependencies())
                    ? Outcome.of(job.id(), Outcome.Kind.WAITING)
                    : lostRace(job);
            case NextMove.Leave leave -> {
                log.debug("Leaving job {}: {}", job.id(), leave.reason());
                yield Outcome.of(job.id(), Outcome.Kind.LEFT);
            }
        };
    }

    private Outcome queue(Job job) {
        String topic = publisher.topicFor(job);
        if (!TopicNames.isValid(topic)) {
            // no send can ever succeed; failing the job keeps it from blocking every sweep
            return jobs.failWithoutRunning(job.id(), job.state(), "no valid Kafka topic for this job: " + topic)
                    .map(failed -> Outcome.of(job.id(), Outcome.Kind.FAILED))
                    .orElseGet(() -> lostRace(job));
        }
        Optional<Job> queued = jobs.queue(job.id(), job.state());
        if (queued.isEmpty()) {
            return lostRace(job);
        }
        publisher.publish(queued.get(), topic);
        countAfterCommit(queued.get().type(), topic);
        log.debug("Dispatched job {} to {}", job.id(), topic);
        return new Outcome(job.id(), Outcome.Kind.QUEUED, topic);
    }

    private static Outcome lostRace(Job job) {
        log.trace("Job {} moved by another instance first", job.id());
        return Outcome.of(job.id(), Outcome.Kind.LOST_RACE);
    }

    /** Counted on commit only, so a send that is rolled back with its batch is not counted. */
    private void countAfterCommit(String type, String topic) {
        Counter counter = Counter.builder("conveyor.jobs.dispatched")
                .description("JobDispatched messages acknowledged by Kafka and committed")
                .tag("type", type)
                .tag("topic", topic)
                .register(meters);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
