package dev.conveyor.worker.execution;

import dev.conveyor.store.Job;
import dev.conveyor.store.OutcomeStore;
import dev.conveyor.worker.handler.Cancellation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Renews the lease of every running attempt each interval, all of them with one statement. A job the
 * renewal did not return and that is still running here has lost its lease (the job was handed to another
 * worker): the attempt is stopped and records nothing. One that finished meanwhile is not RUNNING any more
 * either, and is left alone. Jobs whose renewal finds {@code cancel_requested} are recorded CANCELLED
 * (one statement for all of them), announced with {@code JobCancelled} and stopped: the request is seen
 * within one interval, and the slot frees as soon as the handler returns (at once for handlers that wait
 * on the cancellation or register their statements).
 *
 * <p>It starts before the intake and stops after it, so leases stay fresh while a shutdown drains.
 */
public class Heartbeats implements SmartLifecycle {

    static final int PHASE = Integer.MAX_VALUE - 2000;
    static final String CANCELLED_ON_REQUEST = "cancelled on request";
    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final JobExecutor executor;
    private final OutcomeWriter outcomes;
    private final JobEventPublisher events;
    private final Duration interval;
    private final Duration lease;
    private final Object rounds = new Object();
    private ScheduledExecutorService scheduler;

    public Heartbeats(JobExecutor executor, OutcomeWriter outcomes, JobEventPublisher events, Duration interval,
            Duration lease) {
        this.executor = executor;
        this.outcomes = outcomes;
        this.events = events;
        this.interval = interval;
        this.lease = lease;
    }

    /**
     * One round of renewals. The loop calls it every interval; a test calls it on demand instead of waiting. One
     * round at a time, so two rounds never both record a cancel request and then disagree about why they stop it.
     */
    public void beat() {
        synchronized (rounds) {
            beatOnce();
        }
    }

    private void beatOnce() {
        List<RunningJob> running = executor.running();
        if (running.isEmpty()) {
            return;
        }
        Map<UUID, Boolean> renewed;
        try {
            renewed = outcomes.renew(running.stream().collect(Collectors.toMap(RunningJob::jobId, RunningJob::attempt)),
                    lease);
        } catch (RuntimeException e) {
            // the database may be briefly unreachable; the leases still have two intervals to go
            log.warn("Could not renew the leases of {} running jobs: {}", running.size(), e.toString());
            return;
        }
        List<RunningJob> cancelRequested = new ArrayList<>();
        for (RunningJob job : running) {
            Boolean cancel = renewed.get(job.jobId());
            if (cancel == null) {
                // an attempt that finished meanwhile is missing too (its outcome was recorded, the row is no longer
                // RUNNING), but it lost nothing: only a handler still running here has lost its lease
                if (executor.handlerRunning(job) && job.cancellation().cancel(Cancellation.Reason.LEASE_LOST)) {
                    log.warn("Lost the lease of job {} attempt {}; stopping it", job.jobId(), job.attempt());
                }
            } else if (cancel && !job.cancellation().isCancelled()) {
                cancelRequested.add(job);
            }
        }
        if (!cancelRequested.isEmpty()) {
            cancel(cancelRequested);
        }
    }

    private void cancel(List<RunningJob> requested) {
        List<Job> cancelled;
        try {
            cancelled = outcomes.cancelRunning(requested.stream()
                    .map(job -> new OutcomeStore.Cancel(job.jobId(), job.attempt(), CANCELLED_ON_REQUEST))
                    .toList());
        } catch (RuntimeException e) {
            log.warn("Could not record {} cancel requests; the next heartbeat tries again: {}", requested.size(),
                    e.toString());
            return;
        }
        Map<UUID, Job> byId = new HashMap<>();
        cancelled.forEach(job -> byId.put(job.id(), job));
        Set<UUID> moved = byId.keySet();
        for (RunningJob job : requested) {
            // recorded before the attempt is stopped, so the job is CANCELLED even if its handler ignores the stop
            job.cancellation().cancel(moved.contains(job.jobId()) ? Cancellation.Reason.REQUESTED
                    : Cancellation.Reason.LEASE_LOST);
            Job stored = byId.get(job.jobId());
            if (stored != null) {
                events.cancelled(stored, CANCELLED_ON_REQUEST);
                log.info("Job {} attempt {} cancelled on request", job.jobId(), job.attempt());
            }
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("conveyor-heartbeats").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
