package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One row of {@code conveyor.job} as the services see it. */
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
        long version) {
}
