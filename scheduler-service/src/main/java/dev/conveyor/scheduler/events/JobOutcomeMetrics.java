package dev.conveyor.scheduler.events;

import dev.conveyor.common.event.JobCancelled;
import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobStarted;
import dev.conveyor.common.event.JobSucceeded;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code conveyor.jobs.completed}: finished attempts by job type and outcome ({@code succeeded},
 * {@code failed} for good, {@code retrying}, {@code cancelled}). Redeliveries count twice; fine for a rate.
 */
public class JobOutcomeMetrics implements JobOutcomeHandler {

    private final MeterRegistry meters;

    public JobOutcomeMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public boolean handlesStandaloneJobs() {
        return true;
    }

    @Override
    public void handle(JobLifecycleEvent event) {
        String outcome = switch (event) {
            case JobSucceeded succeeded -> "succeeded";
            case JobFailed failed -> failed.willRetry() ? "retrying" : "failed";
            case JobCancelled cancelled -> "cancelled";
            case JobStarted started -> null;
        };
        if (outcome != null) {
            meters.counter("conveyor.jobs.completed", "type", event.type(), "outcome", outcome).increment();
        }
    }
}
