package dev.conveyor.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * @param state FAILED or CANCELLED
 * @param failedJobs keys of the jobs that failed or were cancelled (their dependents were skipped)
 */
public record ManifestFailed(
        int schemaVersion, UUID manifestId, String tenant, String name, String state, List<String> failedJobs,
        Instant at) implements ManifestEvent {
}
