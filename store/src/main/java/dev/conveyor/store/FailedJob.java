package dev.conveyor.store;

import java.time.Instant;
import java.util.UUID;

/** A job that failed for good, as the dead-letter listing reads it; {@code params} is the jsonb text or null. */
public record FailedJob(
        UUID id,
        String type,
        int attempt,
        String error,
        Instant finishedAt,
        UUID manifestId,
        String params) {
}
