package dev.conveyor.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A manifest row as a listing shows it: without its jobs, with the state the scheduler last recorded. */
public record ManifestListEntry(
        UUID id,
        String name,
        String state,
        Instant createdAt,
        Instant finishedAt,
        Map<String, String> labels) {
}
