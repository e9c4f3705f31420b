package dev.conveyor.common.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * What a worker reports on {@code conveyor.jobs.events}. The JSON carries its kind in the
 * {@code event} field so one topic can hold every kind and consumers can skip kinds they ignore.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JobStarted.class, name = "JobStarted"),
    @JsonSubTypes.Type(value = JobSucceeded.class, name = "JobSucceeded"),
    @JsonSubTypes.Type(value = JobFailed.class, name = "JobFailed"),
    @JsonSubTypes.Type(value = JobCancelled.class, name = "JobCancelled")
})
public sealed interface JobLifecycleEvent permits JobStarted, JobSucceeded, JobFailed, JobCancelled {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    UUID jobId();

    String tenant();

    String type();

    int attempt();

    /** The job's manifest, or null for a standalone job. */
    UUID manifestId();

    Instant at();
}
