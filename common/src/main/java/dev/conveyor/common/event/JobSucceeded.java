package dev.conveyor.common.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** @param result the small JSON result the handler returned (names, counts, paths; never bulk data) */
public record JobSucceeded(
        int schemaVersion,
        UUID jobId,
        String tenant,
        String type,
        int attempt,
        UUID manifestId,
        String worker,
        Map<String, Object> result,
        Instant at) implements JobLifecycleEvent {
}
