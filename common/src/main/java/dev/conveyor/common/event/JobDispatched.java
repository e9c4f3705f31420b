package dev.conveyor.common.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The message on a typed topic: enough for a worker to claim and run the job. {@code params} are
 * small (the API caps them at 64 KiB); bulk data stays in the warehouse.
 *
 * @param attempt the attempts the job had already made when it was dispatched
 * @param timeout how long one attempt may run, or null for no limit
 */
public record JobDispatched(
        int schemaVersion,
        UUID jobId,
        String tenant,
        String type,
        int attempt,
        Map<String, Object> params,
        Duration timeout,
        UUID manifestId,
        Instant at) {

    public static final int SCHEMA_VERSION = 1;

    public JobDispatched {
        params = params == null ? Map.of() : params;
    }
}
