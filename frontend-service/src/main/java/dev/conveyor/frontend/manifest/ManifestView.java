package dev.conveyor.frontend.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A manifest as the API shows it, with its jobs; every field is present, null where not known yet. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ManifestView(
        UUID id,
        String name,
        @Schema(description = "RUNNING, SUCCEEDED, FAILED or CANCELLED, derived from the states of the jobs")
        String state,
        Instant createdAt,
        @Schema(description = "When the last job finished, once the manifest has finished") Instant finishedAt,
        Map<String, String> labels,
        List<JobEntry> jobs) {

    /** One job of the manifest. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record JobEntry(
            String key,
            UUID id,
            String type,
            String state,
            @Schema(description = "Keys of the jobs this one depends on") List<String> dependsOn,
            int attempt,
            int maxAttempts,
            JsonNode result,
            String error,
            Instant startedAt,
            Instant finishedAt) {
    }
}
