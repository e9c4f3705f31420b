package dev.conveyor.common.event;

import java.time.Instant;
import java.util.UUID;

public record JobStarted(
        int schemaVersion, UUID jobId, String tenant, String type, int attempt, UUID manifestId, String worker, Instant at)
        implements JobLifecycleEvent {
}
