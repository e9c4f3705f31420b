package dev.conveyor.store;

import java.time.Instant;
import java.util.UUID;

/**
 * Where the previous page of a listing sorted newest first ended: its sort instant and the id of its last
 * row. The next page starts strictly after it, so rows sharing an instant are neither skipped nor repeated.
 */
public record Keyset(Instant at, UUID id) {
}
