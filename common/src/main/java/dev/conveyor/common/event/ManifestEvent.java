package dev.conveyor.common.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/** What the scheduler publishes on {@code conveyor.manifests.events} when a manifest ends. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ManifestSucceeded.class, name = "ManifestSucceeded"),
    @JsonSubTypes.Type(value = ManifestFailed.class, name = "ManifestFailed")
})
public sealed interface ManifestEvent permits ManifestSucceeded, ManifestFailed {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    UUID manifestId();

    String tenant();

    String name();

    Instant at();
}
