package dev.conveyor.frontend.manifest;

import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.frontend.job.JobEntity;
import dev.conveyor.frontend.job.JobRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shows manifests. A manifest with its jobs shows the state derived from the jobs ({@link ManifestState#of}), which
 * are the truth; a listing shows the manifest row's own state column, what the scheduler last recorded, which can
 * lag behind the last job event by a moment.
 */
@Component
class ManifestViews {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final ManifestRepository manifests;
    private final JobRepository jobs;
    private final JsonMapper mapper;

    ManifestViews(ManifestRepository manifests, JobRepository jobs, JsonMapper mapper) {
        this.manifests = manifests;
        this.jobs = jobs;
        this.mapper = mapper;
    }

    /** The manifest with its jobs, when it exists and belongs to {@code tenant}. */
    Optional<ManifestView> find(String tenant, UUID id) {
        return manifests.findByIdAndTenant(id, tenant).map(this::view);
    }

    ManifestView view(ManifestEntity manifest) {
        List<JobEntity> members = jobs.findByManifestIdOrderByCreatedAtAscJobKeyAsc(manifest.id());
        Map<UUID, String> keys = new HashMap<>();
        members.forEach(job -> keys.put(job.id(), job.jobKey()));
        ManifestState state = ManifestState.of(members.stream().map(JobEntity::state).toList());
        Instant finishedAt = state.isFinished()
                ? members.stream().map(JobEntity::finishedAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
                        .orElse(null)
                : null;
        List<ManifestView.JobEntry> entries = members.stream()
                .map(job -> new ManifestView.JobEntry(job.jobKey(), job.id(), job.type(), job.state().name(),
                        job.dependsOn().stream().map(keys::get).sorted().toList(),
                        job.attempt(), job.maxAttempts(), job.result() == null ? null : mapper.readTree(job.result()),
                        job.error(), job.startedAt(), job.finishedAt()))
                .toList();
        return new ManifestView(manifest.id(), manifest.name(), state.name(), manifest.createdAt(), finishedAt,
                labels(manifest), entries);
    }

    ManifestSummary summary(ManifestEntity manifest) {
        return new ManifestSummary(manifest.id(), manifest.name(), manifest.state().name(), manifest.createdAt(),
                manifest.finishedAt(), labels(manifest));
    }

    private Map<String, String> labels(ManifestEntity manifest) {
        return manifest.labels() == null ? Map.of() : mapper.readValue(manifest.labels(), LABELS);
    }
}
