package dev.conveyor.common.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A job that failed for good, published on {@code conveyor.jobs.dead-letter}. Replay it with POST /jobs/{id}/retry. */
public record JobDeadLettered(
        int schemaVersion,
        UUID jobId,
        String tenant,
        String type,
        int attempt,
        Map<String, Object> params,
        String error,
        UUID manifestId,
        Instant at) {

    public static final int SCHEMA_VERSION = 1;
}
