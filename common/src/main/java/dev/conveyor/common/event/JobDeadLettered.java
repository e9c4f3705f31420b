package dev.conveyor.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A job that failed for good, published on {@code conveyor.jobs.dead-letter}: its ids and error, never its params
 * (they may hold credentials, SQL parameter values or personal data, and a topic is read by more people and kept
 * longer than the job's row). Read the params with GET /jobs/{id}; replay the job with POST /jobs/{id}/retry.
 * Version 2 dropped {@code params}.
 */
public record JobDeadLettered(
        int schemaVersion,
        UUID jobId,
        String tenant,
        String type,
        int attempt,
        String error,
        UUID manifestId,
        Instant at) {

    public static final int SCHEMA_VERSION = 2;
}
