package dev.conveyor.frontend.trigger;

import dev.conveyor.frontend.schedule.WorkTemplateChecks;
import dev.conveyor.frontend.job.SubmitJobRequest;
import dev.conveyor.frontend.manifest.SubmitManifestRequest;
import dev.conveyor.frontend.security.SubmittedJobs;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/v1/triggers}: exactly one of {@code job} and {@code manifest}. */
record CreateTriggerRequest(
        @Schema(description = "Unique per tenant", example = "sales-drops", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required") @Valid
        WatchRequest watch,
        @Schema(description = "What each new file starts: the body of POST /api/v1/jobs (without runAt); string"
                + " params may use ${trigger.path}, ${trigger.name} and ${trigger.size}")
        @Valid SubmitJobRequest job,
        @Schema(description = "What each new file starts: the body of POST /api/v1/manifests, with the same"
                + " placeholders in its jobs' params")
        SubmitManifestRequest manifest,
        @Schema(description = "Created paused; default false") Boolean paused) implements SubmittedJobs {

    @Override
    public List<SubmittedJob> submittedJobs() {
        return WorkTemplateChecks.submittedJobs(job, manifest);
    }
}
