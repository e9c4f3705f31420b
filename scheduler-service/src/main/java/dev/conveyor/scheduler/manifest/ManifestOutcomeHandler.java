package dev.conveyor.scheduler.manifest;

import dev.conveyor.common.event.JobCancelled;
import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobStarted;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.scheduler.events.JobOutcomeHandler;

/**
 * Advances a job's manifest when the job finished: succeeded, failed for good ({@code willRetry=false})
 * or was cancelled. Events of standalone jobs, starts and failures that will be retried change nothing.
 * Idempotent: the decision is taken from the stored states, not from the event.
 */
public class ManifestOutcomeHandler implements JobOutcomeHandler {

    private final ManifestAdvancer advancer;

    public ManifestOutcomeHandler(ManifestAdvancer advancer) {
        this.advancer = advancer;
    }

    @Override
    public void handle(JobLifecycleEvent event) {
        if (event.manifestId() == null) {
            return;
        }
        switch (event) {
            case JobSucceeded succeeded -> advancer.onJobSucceeded(event.manifestId(), event.jobId());
            case JobFailed failed when !failed.willRetry() ->
                    advancer.onJobFailedOrCancelled(event.manifestId(), event.jobId());
            case JobCancelled cancelled -> advancer.onJobFailedOrCancelled(event.manifestId(), event.jobId());
            case JobFailed retrying -> {
                // another attempt follows; the manifest waits for it
            }
            case JobStarted started -> {
                // nothing finished
            }
        }
    }
}
