package dev.conveyor.worker.execution;

import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.worker.handler.Cancellation;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Renews the lease of every running attempt each interval. A renewal that changes no row means the
 * lease was lost (the job was handed to another worker): the attempt is stopped and records nothing.
 * A renewal that finds {@code cancel_requested} records the job CANCELLED, announces {@code JobCancelled}
 * and stops the attempt: the request is seen within one interval, and the slot frees as soon as the
 * handler returns (at once for handlers that wait on the cancellation or register their statements).
 *
 * <p>It starts before the intake and stops after it, so leases stay fresh while a shutdown drains.
 */
public class Heartbeats implements SmartLifecycle {

    static final int PHASE = Integer.MAX_VALUE - 2000;
    static final String CANCELLED_ON_REQUEST = "cancelled on request";
    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final JobExecutor executor;
    private final LeaseStore leases;
    private final JobStore jobs;
    private final LifecycleEvents events;
    private final String worker;
    private final Duration interval;
    private final Duration lease;
    private ScheduledExecutorService scheduler;

    public Heartbeats(JobExecutor executor, LeaseStore leases, JobStore jobs, LifecycleEvents events, String worker,
            Duration interval, Duration lease) {
        this.executor = executor;
        this.leases = leases;
        this.jobs = jobs;
        this.events = events;
        this.worker = worker;
        this.interval = interval;
        this.lease = lease;
    }

    /** One round of renewals; the scheduler calls it every interval, tests may call it directly. */
    public void beat() {
        for (RunningJob job : executor.running()) {
            try {
                renew(job);
            } catch (RuntimeException e) {
                // the database may be briefly unreachable; the lease still has two intervals to go
                log.warn("Could not renew the lease of job {}: {}", job.jobId(), e.toString());
            }
        }
    }

    private void renew(RunningJob job) {
        var renewed = leases.renew(job.jobId(), worker, job.attempt(), lease);
        if (renewed.isEmpty()) {
            if (job.cancellation().cancel(Cancellation.Reason.LEASE_LOST)) {
                log.warn("Lost the lease of job {} attempt {}; stopping it", job.jobId(), job.attempt());
            }
            return;
        }
        if (renewed.get() && !job.cancellation().isCancelled()) {
            // recorded before the attempt is stopped, so the job is CANCELLED even if its handler ignores the stop
            Optional<Job> cancelled = jobs.cancelRunning(job.jobId(), worker, job.attempt(), CANCELLED_ON_REQUEST);
            job.cancellation().cancel(cancelled.isPresent() ? Cancellation.Reason.REQUESTED
                    : Cancellation.Reason.LEASE_LOST);
            cancelled.ifPresent(stored -> {
                events.cancelled(stored, CANCELLED_ON_REQUEST);
                log.info("Job {} attempt {} cancelled on request", job.jobId(), job.attempt());
            });
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
