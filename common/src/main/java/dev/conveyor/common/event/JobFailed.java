package dev.conveyor.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An attempt failed. {@code willRetry} tells whether the job was rescheduled for another attempt;
 * when false the job is FAILED for good.
 */
public record JobFailed(
        int schemaVersion,
        UUID jobId,
        String tenant,
        String type,
        int attempt,
        UUID manifestId,
        String worker,
        String error,
        boolean willRetry,
        Instant at) implements JobLifecycleEvent {
}
