package dev.conveyor.store;

import dev.conveyor.common.manifest.ManifestState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One row of {@code conveyor.manifest}. */
public record Manifest(
        UUID id,
        String tenant,
        String name,
        Map<String, String> labels,
        ManifestState state,
        String idempotencyKey,
        String requestHash,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        long version) {
}
