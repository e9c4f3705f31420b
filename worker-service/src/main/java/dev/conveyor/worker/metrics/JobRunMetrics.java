package dev.conveyor.worker.metrics;

import dev.conveyor.common.metrics.DurationBuckets;
import dev.conveyor.store.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a worker measures of the attempts it runs, by job type: {@code conveyor.jobs.queue.wait} (from due to
 * started, a histogram), {@code conveyor.jobs.run.time} (handler start to outcome stored, a histogram),
 * {@code conveyor.jobs.handed.back} (stopped by a shutdown and given back to the queue) and
 * {@code conveyor.jobs.lease.lost} (ended after another worker could take the job over). Finished jobs are counted
 * once, by the scheduler ({@code conveyor.jobs.finished}).
 */
public class JobRunMetrics {

    private final MeterRegistry meters;
    // looked up on every attempt: a builder and a registry lookup per job cost more than the recording itself
    private final Map<String, Timer> queueWaits = new ConcurrentHashMap<>();
    private final Map<String, Timer> runTimes = new ConcurrentHashMap<>();

    /** @param types the types this worker runs, whose meters exist at zero from the start */
    public JobRunMetrics(MeterRegistry meters, Collection<String> types) {
        this.meters = meters;
        types.forEach(type -> {
            queueWait(type);
            runTime(type);
            handedBack(type);
            leaseLost(type);
        });
    }

    /** The attempt of a job just claimed starts: how long it waited since it became due. */
    public void started(Job job, Instant now) {
        Instant due = job.notBefore() != null && job.notBefore().isAfter(job.createdAt())
                ? job.notBefore() : job.createdAt();
        Instant started = job.startedAt() != null ? job.startedAt() : now;
        queueWait(job.type()).record(Duration.between(due, started).isNegative()
                ? Duration.ZERO : Duration.between(due, started));
    }

    public void ran(String type, Duration took) {
        runTime(type).record(took);
    }

    public void handedBack(Job job) {
        handedBack(job.type()).increment();
    }

    public void leaseLost(Job job) {
        leaseLost(job.type()).increment();
    }

    private Timer queueWait(String type) {
        return queueWaits.computeIfAbsent(type, this::newQueueWait);
    }

    private Timer runTime(String type) {
        return runTimes.computeIfAbsent(type, this::newRunTime);
    }

    private Timer newQueueWait(String type) {
        return Timer.builder("conveyor.jobs.queue.wait")
                .description("Time from a job being due (submitted, or its not-before or retry time) to its start")
                .tag("type", type)
                .serviceLevelObjectives(DurationBuckets.BOUNDARIES)
                .register(meters);
    }

    private Timer newRunTime(String type) {
        return Timer.builder("conveyor.jobs.run.time")
                .description("Time an attempt ran, until its outcome was stored")
                .tag("type", type)
                .serviceLevelObjectives(DurationBuckets.BOUNDARIES)
                .register(meters);
    }

    private Counter handedBack(String type) {
        return Counter.builder("conveyor.jobs.handed.back")
                .description("Attempts stopped by a worker shutdown and given back to the queue")
                .tag("type", type)
                .register(meters);
    }

    private Counter leaseLost(String type) {
        return Counter.builder("conveyor.jobs.lease.lost")
                .description("Attempts that ended after their lease ran out; another worker may own the job")
                .tag("type", type)
                .register(meters);
    }
}
