package dev.conveyor.common.event;

import java.time.Instant;
import java.util.UUID;

/** A job row was committed; the scheduler decides what happens next. Carries ids, not params. */
public record JobSubmitted(int schemaVersion, UUID jobId, String tenant, String type, Instant at) {

    public static final int SCHEMA_VERSION = 1;

    public static JobSubmitted of(UUID jobId, String tenant, String type, Instant at) {
        return new JobSubmitted(SCHEMA_VERSION, jobId, tenant, type, at);
    }
}
