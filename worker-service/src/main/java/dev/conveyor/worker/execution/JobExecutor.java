package dev.conveyor.worker.execution;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.observability.JobSpan;
import dev.conveyor.observability.JobSpans;
import dev.conveyor.observability.TracedJob;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.LeaseStore;
import dev.conveyor.worker.handler.Cancellation;
import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.handler.JobHandler;
import dev.conveyor.worker.handler.JobHandlers;
import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.metrics.JobRunMetrics;
import dev.conveyor.worker.warehouse.Warehouse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed jobs, each on its own virtual thread, and records how each attempt ended: the
 * {@link AttemptOutcomeDecider} decides the outcome from the handler's result, the exception and the
 * cancellation reason, and the {@link AttemptRecorder} stores it (waiting until it is stored) and announces it.
 *
 * <p>The execution slot frees as soon as the handler returns, so the intake claims the next jobs while the
 * outcomes of the last ones are written (claims and outcomes overlap instead of taking turns). The attempt then
 * holds one of as many recording turns as there are slots until its outcome is stored: when outcomes pile up
 * faster than they are written, attempts keep their slots and the intake pauses. An attempt stays among the
 * {@link #running()} jobs until its outcome is stored, so its lease is renewed meanwhile and a drained worker
 * has recorded every outcome.
 */
public class JobExecutor {

    private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);

    private final JobHandlers handlers;
    private final JobStore jobs;
    private final LeaseStore leases;
    private final Consumer<Job> announceStart;
    private final QueueMessagePublisher messages;
    private final FollowUpJobs followUps;
    private final Warehouse warehouse;
    private final AttemptOutcomeDecider decider;
    private final AttemptRecorder recorder;
    private final AttemptTimeouts timeouts;
    private final String worker;
    private final Clock clock;
    private final JobRunMetrics metrics;
    private final JobSpans spans;
    private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
    /** Attempts whose handler returned: they only record their outcome now, there is nothing left to stop. */
    private final Set<UUID> recording = ConcurrentHashMap.newKeySet();
    private final ThreadFactory jobThreads = Thread.ofVirtual().name("conveyor-job-", 0).factory();
    private final Semaphore recordingTurns;

    /** @param announceStart publishes JobStarted, or does nothing when {@code conveyor.worker.publish-started} is off */
    JobExecutor(JobHandlers handlers, JobStore jobs, LeaseStore leases, Consumer<Job> announceStart,
            QueueMessagePublisher messages, FollowUpJobs followUps, Warehouse warehouse,
            AttemptOutcomeDecider decider, AttemptRecorder recorder, AttemptTimeouts timeouts, String worker,
            Clock clock, MeterRegistry meters, JobRunMetrics metrics, JobSpans spans, int slots) {
        this.handlers = handlers;
        this.jobs = jobs;
        this.leases = leases;
        this.announceStart = announceStart;
        this.messages = messages;
        this.followUps = followUps;
        this.warehouse = warehouse;
        this.decider = decider;
        this.recorder = recorder;
        this.timeouts = timeouts;
        this.worker = worker;
        this.clock = clock;
        this.metrics = metrics;
        this.spans = spans;
        this.recordingTurns = new Semaphore(slots);
        meters.gauge("conveyor.jobs.running", running, Map::size);
    }

    /**
     * Starts a job this worker just claimed from {@code topic} and returns at once; {@code releaseSlot}
     * runs when the attempt is over, whatever its outcome.
     */
    public void start(Job claimed, JobDispatched message, String topic, Runnable releaseSlot) {
        Cancellation cancellation = new Cancellation();
        RunningJob job = new RunningJob(claimed.id(), claimed.type(), claimed.attempt(), cancellation, topic, message);
        running.put(claimed.id(), job);
        try {
            jobThreads.newThread(() -> run(claimed, message, cancellation, releaseSlot)).start();
        } catch (RuntimeException e) {
            finished(claimed.id(), releaseSlot);
            throw e;
        }
    }

    /** The attempts running now, for heartbeats. */
    public List<RunningJob> running() {
        return List.copyOf(running.values());
    }

    /**
     * True while {@code job}'s handler still runs on this worker. Once it returned, the attempt is recording its
     * outcome (and finds out itself whether the lease is still held) or has ended: it is neither stopped nor
     * handed back.
     */
    public boolean handlerRunning(RunningJob job) {
        return running.get(job.jobId()) == job && !recording.contains(job.jobId());
    }

    /** Waits until no job runs or {@code timeout} passes; true when none is left. */
    public boolean drain(Duration timeout) {
        // elapsed time, not the (possibly test-controlled) wall clock
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (running) {
            while (!running.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    running.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return running.isEmpty();
                }
            }
        }
        return true;
    }

    /**
     * For a shutdown whose drain timed out: stops every attempt still running, gives its job back to the
     * queue without counting the attempt ({@link JobStore#handBack}) and dispatches it again on the
     * topic it came from, so another worker starts it at once instead of after the lease expires.
     * Then waits up to {@code grace} for the stopped attempts to end. The hand-back clears the lease
     * owner, so whatever a stopped attempt tries to record afterwards changes nothing.
     *
     * @return how many jobs were handed back
     */
    public int handBackRemaining(Duration grace) {
        int handedBack = 0;
        for (RunningJob job : running()) {
            // an attempt whose handler returned is storing its outcome: handing it back would run it twice
            if (!handlerRunning(job) || !job.cancellation().cancel(Cancellation.Reason.HANDED_BACK)) {
                // it is already stopping for another reason, which records its own outcome
                continue;
            }
            try {
                var returned = jobs.handBack(job.jobId(), worker, job.attempt());
                if (returned.isEmpty()) {
                    log.info("Job {} ended before it could be handed back", job.jobId());
                    continue;
                }
                handedBack++;
                messages.redispatch(job.topic(), returned.get(), job.dispatched());
            } catch (RuntimeException e) {
                log.warn("Could not hand job {} back; its lease will expire and the scheduler requeues it: {}",
                        job.jobId(), e.toString());
            }
        }
        if (!drain(grace)) {
            log.warn("{} stopped jobs had not ended after {}", running.size(), grace);
        }
        return handedBack;
    }

    private void run(Job job, JobDispatched message, Cancellation cancellation, Runnable releaseSlot) {
        Place place = new Place(releaseSlot);
        Instant started = clock.instant();
        metrics.started(job, started);
        // the attempt's span and log fields live on this thread only, which runs nothing but this attempt
        TracedJob traced = new TracedJob(job.id(), job.manifestId(), job.tenant(), job.type(), job.attempt(),
                job.traceParent());
        try (JobSpan span = spans.start("conveyor.job.run", traced).tag("conveyor.worker", worker)) {
            try {
                announceStart.accept(job);
                Duration timeout = message.timeout() != null ? message.timeout() : job.timeout();
                AttemptOutcomeDecider.Ended ended = attempt(job, cancellation, timeout);
                recording.add(job.id());
                place.handlerReturned();
                if (ended.failure() != null && ended.cancelled() == null) {
                    span.error(ended.failure());
                    log.warn("Job {} ({}) attempt {} failed", job.id(), job.type(), job.attempt(), ended.failure());
                }
                recorder.record(job, decider.decide(ended, job.attempt(), job.maxAttempts(), clock.instant()));
            } catch (RuntimeException e) {
                // the outcome could not be stored; the lease runs out and the job is handed to a worker again
                log.error("Could not record the outcome of job {} attempt {}", job.id(), job.attempt(), e);
            } finally {
                metrics.ran(job.type(), Duration.between(started, clock.instant()));
                finished(job.id(), place::leave);
            }
        }
    }

    /**
     * Where one attempt stands in the worker: in its execution slot while the handler runs, then in a recording
     * turn until its outcome is stored. Used only by the attempt's own thread.
     */
    private final class Place {
        private final Runnable releaseSlot;
        private boolean inSlot = true;
        private boolean inRecordingTurn;

        Place(Runnable releaseSlot) {
            this.releaseSlot = releaseSlot;
        }

        /** Gives the slot to the next job once a recording turn is free. */
        void handlerReturned() {
            recordingTurns.acquireUninterruptibly();
            inRecordingTurn = true;
            inSlot = false;
            releaseSlot.run();
        }

        void leave() {
            if (inSlot) {
                inSlot = false;
                releaseSlot.run();
            }
            if (inRecordingTurn) {
                inRecordingTurn = false;
                recordingTurns.release();
            }
        }
    }

    private AttemptOutcomeDecider.Ended attempt(Job job, Cancellation cancellation, Duration timeout) {
        JobHandler handler = handlers.find(job.type()).orElse(null);
        if (handler == null) {
            return new AttemptOutcomeDecider.Ended(null, new NonRetryableJobException("no handler for job type "
                    + job.type() + " on worker " + worker), cancellation.reason(), timeout);
        }
        timeouts.watch(job.id(), timeout, cancellation);
        JobContext context = new JobContext(job.id(), job.tenant(), job.type(), job.attempt(), job.params(), warehouse,
                cancellation, (fraction, text) -> progress(job, fraction, text), job.depth(), followUps.forAttempt());
        cancellation.bind(Thread.currentThread());
        Map<String, Object> result = null;
        Throwable failure = null;
        // the handler's warehouse work, a child of the run span
        try (JobSpan work = spans.child("conveyor.warehouse").tag("db.system", warehouse.dialect().name().toLowerCase(Locale.ROOT))) {
            result = handler.execute(context);
        } catch (Exception | LinkageError | AssertionError e) {
            failure = e;
        } finally {
            cancellation.unbind();
            timeouts.unwatch(job.id());
        }
        return new AttemptOutcomeDecider.Ended(result, failure, cancellation.reason(), timeout);
    }

    private void progress(Job job, double fraction, String message) {
        try {
            leases.progress(job.id(), worker, job.attempt(), fraction, message);
        } catch (RuntimeException e) {
            log.debug("Could not store progress of job {}", job.id(), e);
        }
    }

    private void finished(UUID id, Runnable releaseSlot) {
        synchronized (running) {
            running.remove(id);
            recording.remove(id);
            running.notifyAll();
        }
        releaseSlot.run();
    }
}
