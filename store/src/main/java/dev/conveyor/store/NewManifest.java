package dev.conveyor.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A manifest about to be stored: its jobs (already placed in the manifest with
 * {@link NewJob#inManifest}) and, per job id, the ids of the jobs it depends on.
 */
public record NewManifest(
        UUID id,
        String tenant,
        String name,
        Map<String, String> labels,
        String idempotencyKey,
        String requestHash,
        List<NewJob> jobs,
        Map<UUID, List<UUID>> dependsOn) {

    public NewManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        tenant = Objects.requireNonNullElse(tenant, NewJob.DEFAULT_TENANT);
        labels = Objects.requireNonNullElse(labels, Map.of());
        jobs = List.copyOf(jobs);
        dependsOn = Map.copyOf(dependsOn);
    }
}
