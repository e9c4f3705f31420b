package dev.conveyor.frontend.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A manifest as the listing shows it, without its jobs. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ManifestSummary(
        UUID id,
        String name,
        @Schema(description = "The state the scheduler last recorded; GET /api/v1/manifests/{id} derives it from the"
                + " jobs and may be a moment ahead")
        String state,
        Instant createdAt,
        Instant finishedAt,
        Map<String, String> labels) {
}
