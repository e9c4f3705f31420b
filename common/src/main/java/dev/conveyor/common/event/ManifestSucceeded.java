package dev.conveyor.common.event;

import java.time.Instant;
import java.util.UUID;

public record ManifestSucceeded(int schemaVersion, UUID manifestId, String tenant, String name, Instant at)
        implements ManifestEvent {
}
