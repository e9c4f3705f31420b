package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.DispatchStore;
import dev.conveyor.store.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies the {@link DispatchDecider}'s moves to the database and to Kafka, a batch at a time.
 *
 * <p>The rows of a batch are locked first ({@code FOR UPDATE SKIP LOCKED}, in id order), the decider decides per
 * row, and each kind of move is one guarded statement for all its rows. Queueing is the one move with two sides:
 * the rows are moved to QUEUED, every JobDispatched is sent without waiting, then all acknowledgements are awaited
 * before the transaction commits. One message Kafka does not acknowledge rolls the whole batch back and leaves
 * every job where it was for a retry or the sweep, so a job is never QUEUED without its message. A worker that
 * reads a message before the commit blocks on the row lock in its claim and then sees QUEUED.
 */
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DispatchStore store;
    private final DispatchDecider decider;
    private final DispatchPublisher publisher;
    private final MessageSender sender;
    private final TransactionOperations transaction;
    private final RunningSlots slots;
    private final MeterRegistry meters;
    private final Clock clock;

    public Dispatcher(DispatchStore store, DispatchDecider decider, DispatchPublisher publisher, MessageSender sender,
            TransactionOperations transaction, RunningSlots slots, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.decider = decider;
        this.publisher = publisher;
        this.sender = sender;
        this.transaction = transaction;
        this.slots = slots;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Handles the JobSubmitted messages of one poll in one transaction. The rows are the truth: an unknown id, a job
     * that is no longer SUBMITTED (a redelivery, or the sweep got there first) or a row another transaction holds
     * right now (the sweep, which then moves it) is left alone. A duplicate id is handled once.
     *
     * @return one outcome per distinct id
     * @throws DispatchNotAcknowledgedException when Kafka did not take every JobDispatched; nothing changed
     */
    public List<DispatchResult> onSubmitted(Collection<UUID> jobIds) {
        Set<UUID> distinct = new TreeSet<>(jobIds);
        return transaction.execute(status -> {
            List<Job> locked = store.lockSubmitted(distinct);
            List<DispatchResult> outcomes = new ArrayList<>(distinct.size());
            outcomes.addAll(apply(locked, decider::decide));
            Set<UUID> seen = new HashSet<>();
            locked.forEach(job -> seen.add(job.id()));
            for (UUID id : distinct) {
                if (!seen.contains(id)) {
                    log.debug("Leaving job {}: unknown, no longer SUBMITTED, or held by another transaction", id);
                    outcomes.add(DispatchResult.of(id, DispatchResult.Kind.LEFT));
                }
            }
            return outcomes;
        });
    }

    /** One JobSubmitted; see {@link #onSubmitted(Collection)}. */
    public DispatchResult onSubmitted(UUID jobId) {
        return onSubmitted(List.of(jobId)).getFirst();
    }

    /**
     * Decides and applies the next move of jobs the caller locked in its transaction (the sweep). Must run inside
     * that transaction: queueing relies on it to undo the moves on a failed send.
     */
    public List<DispatchResult> applyLocked(List<Job> jobs) {
        requireTransaction("applyLocked");
        return apply(jobs, decider::decide);
    }

    /**
     * Releases a WAITING job of a manifest whose dependencies are done, read in the caller's transaction (which
     * holds the manifest lock): queued and dispatched on the same path as any other job, or SCHEDULED when its
     * {@code not_before} is still ahead (the sweep queues it when due).
     */
    public DispatchResult release(Job job) {
        requireTransaction("release");
        return apply(List.of(job), decider::decideReleased).getFirst();
    }

    /**
     * Sends the JobDispatched of rows the caller just moved to QUEUED in its transaction (a lease requeue) and waits
     * for every acknowledgement.
     *
     * @throws DispatchNotAcknowledgedException when one was not acknowledged; the caller's transaction must roll back
     */
    public List<DispatchResult> publishQueued(List<Job> queued) {
        requireTransaction("publishQueued");
        return send(queued, DispatchResult.Kind.QUEUED);
    }

    /**
     * Sends the JobDispatched of QUEUED jobs locked by the caller again (their message is overdue: a worker handed
     * one back and the re-send failed, or a message went missing) and marks them re-sent, so each is sent at most
     * once per period. A duplicate is harmless: the worker's claim lets one through.
     */
    public List<DispatchResult> resendQueued(List<Job> overdue) {
        requireTransaction("resendQueued");
        List<Job> marked = store.markResent(overdue.stream().map(Job::id).toList());
        return send(marked, DispatchResult.Kind.RESENT);
    }

    /**
     * Queues jobs of {@code tenant} that waited for a slot under its cap, as many as it has free now, oldest first:
     * called when one of its jobs finished. In one transaction; does nothing for a tenant without a cap.
     */
    public List<DispatchResult> fillFreeSlots(String tenant) {
        if (!slots.capped(tenant)) {
            return List.of();
        }
        return transaction.execute(status -> {
            int free = slots.free(tenant);
            return free == 0 ? List.<DispatchResult>of()
                    : apply(store.lockWaitingForSlot(tenant, clock.instant(), free), decider::decide);
        });
    }

    /** Tenants with no free slot under their cap right now; see {@link RunningSlots#full()}. */
    public Set<String> tenantsWithoutFreeSlot() {
        return slots.full();
    }

    private static void requireTransaction(String method) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Dispatcher." + method + " needs a transaction");
        }
    }

    /** The store statement a group of rows goes through. */
    private enum Step {
        QUEUE(DispatchResult.Kind.QUEUED), SCHEDULE(DispatchResult.Kind.SCHEDULED), WAIT(DispatchResult.Kind.WAITING),
        FAIL(DispatchResult.Kind.FAILED), HOLD_FOR_SLOT(DispatchResult.Kind.SCHEDULED);

        private final DispatchResult.Kind kind;

        Step(DispatchResult.Kind kind) {
            this.kind = kind;
        }
    }

    /** The rows of one kind of move from one state; {@code error} only for failing ones. */
    private record Group(Step step, JobState from, String error) {
    }

    private List<DispatchResult> apply(List<Job> jobs, BiFunction<Job, Instant, NextMove> decide) {
        Instant now = clock.instant();
        List<DispatchResult> outcomes = new ArrayList<>(jobs.size());
        List<NextMove> moves = jobs.stream().map(job -> decide.apply(job, now)).toList();
        List<Job> toQueue = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (moves.get(i) instanceof NextMove.Queue) {
                toQueue.add(jobs.get(i));
            }
        }
        Set<UUID> overCap = slots.overCap(toQueue);
        Map<Group, List<UUID>> groups = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            Group group = switch (moves.get(i)) {
                case NextMove.Queue queue when overCap.contains(job.id()) -> {
                    if (job.state() == JobState.WAITING) {
                        // released by its manifest: SCHEDULED and due, so a finished job of its tenant or the due
                        // sweep queues it like the tenant's other waiting jobs
                        yield new Group(Step.HOLD_FOR_SLOT, job.state(), null);
                    }
                    log.debug("Leaving job {} {}: tenant {} has no free slot", job.id(), job.state(), job.tenant());
                    outcomes.add(DispatchResult.of(job.id(), DispatchResult.Kind.LEFT));
                    yield null;
                }
                case NextMove.Queue queue -> {
                    String topic = publisher.topicFor(job);
                    // no send can ever succeed; failing the job keeps it from failing every batch it is in
                    yield TopicNames.isValid(topic)
                            ? new Group(Step.QUEUE, job.state(), null)
                            : new Group(Step.FAIL, job.state(), "no valid Kafka topic for this job: " + topic);
                }
                case NextMove.Schedule schedule -> new Group(Step.SCHEDULE, job.state(), null);
                case NextMove.Wait wait -> new Group(Step.WAIT, job.state(), null);
                case NextMove.Leave leave -> {
                    log.debug("Leaving job {}: {}", job.id(), leave.reason());
                    outcomes.add(DispatchResult.of(job.id(), DispatchResult.Kind.LEFT));
                    yield null;
                }
            };
            if (group != null) {
                groups.computeIfAbsent(group, key -> new ArrayList<>()).add(job.id());
            }
        }
        List<Job> queued = new ArrayList<>();
        groups.forEach((group, ids) -> {
            List<Job> moved = switch (group.step()) {
                case QUEUE -> store.queue(ids, group.from());
                case SCHEDULE -> store.schedule(ids, group.from());
                case WAIT -> store.markWaiting(ids, group.from());
                case FAIL -> store.failWithoutRunning(ids, group.from(), group.error());
                case HOLD_FOR_SLOT -> store.holdForSlot(ids, group.from());
            };
            Set<UUID> movedIds = new HashSet<>();
            moved.forEach(job -> movedIds.add(job.id()));
            if (group.step() == Step.QUEUE) {
                queued.addAll(moved);
            } else {
                moved.forEach(job -> outcomes.add(DispatchResult.of(job.id(), group.step().kind)));
            }
            ids.stream().filter(id -> !movedIds.contains(id)).forEach(id -> {
                log.trace("Job {} moved by another instance first", id);
                outcomes.add(DispatchResult.of(id, DispatchResult.Kind.LOST_RACE));
            });
        });
        outcomes.addAll(send(queued, DispatchResult.Kind.QUEUED));
        return outcomes;
    }

    private List<DispatchResult> send(List<Job> jobs, DispatchResult.Kind kind) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        MessageSender.Batch batch = sender.batch();
        List<DispatchResult> outcomes = new ArrayList<>(jobs.size());
        Map<List<String>, Integer> perTypeAndTopic = new HashMap<>();
        for (Job job : jobs) {
            String topic = publisher.topicFor(job);
            publisher.send(batch, job, topic);
            outcomes.add(new DispatchResult(job.id(), kind, topic));
            perTypeAndTopic.merge(List.of(job.type(), topic), 1, Integer::sum);
        }
        batch.awaitAcknowledged();
        perTypeAndTopic.forEach((typeAndTopic, count) -> countAfterCommit(typeAndTopic.get(0), typeAndTopic.get(1), count));
        log.debug("Dispatched {} jobs ({})", jobs.size(), kind);
        return outcomes;
    }

    /** Counted on commit only, so a send that is rolled back with its batch is not counted. */
    private void countAfterCommit(String type, String topic, int count) {
        Counter counter = Counter.builder("conveyor.jobs.dispatched")
                .description("JobDispatched messages acknowledged by Kafka and committed")
                .tag("type", type)
                .tag("topic", topic)
                .register(meters);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment(count);
            }
        });
    }
}
