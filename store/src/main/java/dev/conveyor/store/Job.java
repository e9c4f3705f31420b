package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One row of {@code conveyor.job} as the services see it.
 *
 * @param traceParent the W3C {@code traceparent} the job was submitted in, or null (see {@link NewJob})
 */
public record Job(
        UUID id,
        String tenant,
        String type,
        Map<String, Object> params,
        Map<String, String> labels,
        JobState state,
        int attempt,
        int maxAttempts,
        Duration timeout,
        Instant notBefore,
        String leaseOwner,
        Instant leaseUntil,
        boolean cancelRequested,
        Map<String, Object> progress,
        Map<String, Object> result,
        String error,
        String idempotencyKey,
        String requestHash,
        UUID manifestId,
        String jobKey,
        int pendingDependencies,
        UUID parentId,
        int depth,
        Instant createdAt,
        Instant updatedAt,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        long version,
        String traceParent) {

    /** The trace id of {@link #traceParent}: the one trace every attempt of this job belongs to; null without one. */
    public String traceId() {
        // characters 3 to 35 of 00-<trace id>-<span id>-<flags>
        return traceParent == null || traceParent.length() < 35 ? null : traceParent.substring(3, 35);
    }
}
