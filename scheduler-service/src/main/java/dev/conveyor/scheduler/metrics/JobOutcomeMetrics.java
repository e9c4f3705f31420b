package dev.conveyor.scheduler.metrics;

import dev.conveyor.common.event.JobCancelled;
import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobStarted;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.scheduler.events.JobOutcomeHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one count of finished jobs, {@code conveyor.jobs.finished{type,outcome}} (succeeded, failed for good, which is
 * also a dead letter, or cancelled), and {@code conveyor.jobs.retries{type}} (attempts that failed and will be
 * tried again). Counted here, from the events every job's end produces, so cancellations of jobs that never ran
 * count too and the numbers survive workers scaled to zero; the replicas share the events topic's partitions, so
 * each event is counted by one of them. A redelivered event counts twice; fine for a rate.
 */
public class JobOutcomeMetrics implements JobOutcomeHandler {

    static final List<String> OUTCOMES = List.of("succeeded", "failed", "cancelled");

    private final MeterRegistry meters;
    // looked up for every event: a builder and a registry lookup each time cost more than the increment itself
    private final Map<List<String>, Counter> finishedCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> retryCounters = new ConcurrentHashMap<>();

    public JobOutcomeMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Creates the counters of a type at zero, so a rate over them is 0, not "no data", before the first job ends. */
    public void knownType(String type) {
        OUTCOMES.forEach(outcome -> finished(type, outcome));
        retries(type);
    }

    @Override
    public boolean handlesStandaloneJobs() {
        return true;
    }

    @Override
    public void handle(JobLifecycleEvent event) {
        switch (event) {
            case JobSucceeded succeeded -> finished(event.type(), "succeeded").increment();
            case JobFailed failed when failed.willRetry() -> retries(event.type()).increment();
            case JobFailed failed -> finished(event.type(), "failed").increment();
            case JobCancelled cancelled -> finished(event.type(), "cancelled").increment();
            case JobStarted started -> {
            }
        }
    }

    private Counter finished(String type, String outcome) {
        return finishedCounters.computeIfAbsent(List.of(type, outcome), key -> Counter.builder("conveyor.jobs.finished")
                .description("Jobs that reached an end: succeeded, failed for good (dead-lettered) or cancelled")
                .tags("type", type, "outcome", outcome)
                .register(meters));
    }

    private Counter retries(String type) {
        return retryCounters.computeIfAbsent(type, key -> Counter.builder("conveyor.jobs.retries")
                .description("Failed attempts that will be tried again")
                .tag("type", type)
                .register(meters));
    }
}
