package dev.conveyor.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A job ended CANCELLED: by the API (a job not yet running) or by its worker (a running job it
 * stopped on request). {@code worker} is null when no worker was involved.
 */
public record JobCancelled(
        int schemaVersion,
        UUID jobId,
        String tenant,
        String type,
        int attempt,
        UUID manifestId,
        String worker,
        String reason,
        Instant at) implements JobLifecycleEvent {
}
