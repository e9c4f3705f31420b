package dev.conveyor.frontend.manifest;

import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.store.Job;
import dev.conveyor.store.Manifest;
import dev.conveyor.store.ManifestStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a manifest with its jobs and edges and shows it. The state shown is derived from the jobs
 * ({@link ManifestState#of}), which are the truth; the manifest row's own state column is what the
 * scheduler last recorded and can lag behind the last job event by a moment.
 */
@Component
class ManifestReader {

    private final ManifestStore manifests;
    private final JsonMapper mapper;

    ManifestReader(ManifestStore manifests, JsonMapper mapper) {
        this.manifests = manifests;
        this.mapper = mapper;
    }

    /** The manifest, when it exists and belongs to {@code tenant}. */
    Optional<Manifest> find(String tenant, UUID id) {
        return manifests.find(id).filter(manifest -> manifest.tenant().equals(tenant));
    }

    ManifestView view(Manifest manifest) {
        return view(manifest, manifests.jobs(manifest.id()), manifests.dependencies(manifest.id()));
    }

    ManifestView view(Manifest manifest, List<Job> jobs, Map<UUID, List<UUID>> dependencies) {
        Map<UUID, String> keys = new HashMap<>();
        jobs.forEach(job -> keys.put(job.id(), job.jobKey()));
        ManifestState state = ManifestState.of(jobs.stream().map(Job::state).toList());
        Instant finishedAt = state.isFinished()
                ? jobs.stream().map(Job::finishedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null)
                : null;
        List<ManifestView.JobEntry> entries = jobs.stream()
                .map(job -> new ManifestView.JobEntry(job.jobKey(), job.id(), job.type(), job.state().name(),
                        dependencies.getOrDefault(job.id(), List.of()).stream().map(keys::get).sorted().toList(),
                        job.attempt(), job.maxAttempts(),
                        job.result() == null ? null : mapper.valueToTree(job.result()), job.error(),
                        job.startedAt(), job.finishedAt()))
                .toList();
        return new ManifestView(manifest.id(), manifest.name(), state.name(), manifest.createdAt(), finishedAt,
                manifest.labels(), entries);
    }
}
