package dev.conveyor.scheduler.schedule;

import dev.conveyor.common.event.JobSubmitted;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.store.CronTicks;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.Schedule;
import dev.conveyor.store.ScheduleStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires the due ticks of every schedule. A round locks up to {@code batchSize} due schedules (skipping those
 * another replica holds) in one transaction and fires each under a savepoint: its catch-up plan decides which ticks
 * fire, the overlap rule looks at the previous firing's work, each tick's job or manifest is stored with its firing,
 * and {@code next_fire_at} moves on guarded by the value that was read. A schedule whose work cannot be stored
 * (its job type was unregistered since) records a failed firing and moves on, so it never blocks the others. The
 * new jobs' {@code JobSubmitted} go out after the commit; the lost-message sweep covers a failed send.
 */
public class ScheduleFirer {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFirer.class);

    private final ScheduleStore store;
    private final TransactionTemplate round;
    private final TransactionTemplate savepoint;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MessageJson json;
    private final Clock clock;
    private final Duration missedAfter;
    private final int batchSize;
    private final int maxCatchUpTicks;
    private final MeterRegistry meters;

    public ScheduleFirer(ScheduleStore store, PlatformTransactionManager transactions,
            KafkaTemplate<String, byte[]> kafka, MessageJson json, MeterRegistry meters, Clock clock,
            Duration missedAfter, int batchSize, int maxCatchUpTicks) {
        this.store = store;
        this.round = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.kafka = kafka;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.missedAfter = missedAfter;
        this.batchSize = batchSize;
        this.maxCatchUpTicks = maxCatchUpTicks;
    }

    /**
     * Fires every tick due now, round after round while rounds come back full or a schedule catching up on all its
     * missed ticks has more of them; returns the ticks handled.
     */
    public int fireDue() {
        int fired = 0;
        while (true) {
            Instant now = clock.instant();
            Round done = round.execute(status -> fireRound(now));
            announce(done.submitted());
            fired += done.firings();
            if (done.schedules() < batchSize && !done.behind()) {
                return fired;
            }
        }
    }

    /** How long until the earliest next tick of any active schedule, at most {@code max}. */
    public Duration untilNextDue(Duration max) {
        Optional<Instant> next = store.earliestNextFire();
        if (next.isEmpty()) {
            return max;
        }
        Duration until = Duration.between(clock.instant(), next.get());
        return until.isNegative() ? Duration.ZERO : until.compareTo(max) > 0 ? max : until;
    }

    /** @param behind some schedule of the round still has due ticks (catchUp ALL, beyond max-catch-up-ticks) */
    private record Round(int schedules, int firings, List<NewJob> submitted, boolean behind) {
    }

    private Round fireRound(Instant now) {
        List<Schedule> due = store.lockDue(now, batchSize);
        List<NewJob> submitted = new ArrayList<>();
        int firings = 0;
        boolean behind = false;
        for (Schedule schedule : due) {
            CronTicks.Plan plan = schedule.ticks().plan(schedule.nextFireAt(), now, schedule.catchUp(), missedAfter,
                    maxCatchUpTicks);
            behind |= plan.next() != null && !plan.next().isAfter(now);
            try {
                List<NewJob> started = savepoint.execute(nested -> fire(schedule, plan));
                submitted.addAll(started);
                firings += plan.ticks().size();
            } catch (RuntimeException e) {
                log.warn("Schedule {} ({}) could not fire {}: {}", schedule.id(), schedule.name(), plan.ticks(),
                        e.toString());
                savepoint.executeWithoutResult(nested -> {
                    plan.ticks().forEach(tick -> store.recordFailed(schedule.id(), tick, "the work could not be"
                            + " stored: " + e.getMessage()));
                    advance(schedule, plan);
                });
                count(schedule, "failed", plan.ticks().size());
            }
        }
        return new Round(due.size(), firings, submitted, behind);
    }

    private List<NewJob> fire(Schedule schedule, CronTicks.Plan plan) {
        List<NewJob> submitted = new ArrayList<>();
        for (Instant tick : plan.ticks()) {
            Optional<ScheduleStore.PreviousWork> running = store.previousWork(schedule.id())
                    .filter(previous -> !previous.finished());
            if (running.isPresent() && schedule.overlap() == Schedule.Overlap.SKIP) {
                store.recordSkipped(schedule.id(), tick, "the previous firing's work has not finished");
                count(schedule, "skipped", 1);
                continue;
            }
            if (running.isPresent() && schedule.overlap() == Schedule.Overlap.CANCEL_PREVIOUS) {
                store.cancelPrevious(running.get(), "cancelled by the next firing of schedule " + schedule.name());
            }
            submitted.addAll(store.fire(schedule, tick, false).submitted());
            count(schedule, "fired", 1);
        }
        advance(schedule, plan);
        return submitted;
    }

    private void advance(Schedule schedule, CronTicks.Plan plan) {
        if (!store.advance(schedule.id(), schedule.nextFireAt(), plan.next())) {
            // the row is locked by this transaction, so this means a bug, not a race: roll the firing back
            throw new IllegalStateException("next_fire_at of schedule " + schedule.id() + " moved under its lock");
        }
    }

    private void announce(List<NewJob> jobs) {
        Instant now = clock.instant();
        for (NewJob job : jobs) {
            String key = job.id().toString();
            kafka.send(Topics.SUBMITTED, key, json.write(JobSubmitted.of(job.id(), job.tenant(), job.type(), now)))
                    .whenComplete((sent, error) -> {
                        if (error != null) {
                            // the job is stored SUBMITTED: the lost-message sweep dispatches it
                            log.debug("JobSubmitted of scheduled job {} not sent: {}", key, error.toString());
                        }
                    });
        }
    }

    private void count(Schedule schedule, String outcome, int ticks) {
        Counter.builder("conveyor.schedules.firings")
                .description("Schedule ticks by what they did: fired, skipped (overlap) or failed")
                .tag("outcome", outcome)
                .register(meters)
                .increment(ticks);
    }
}
