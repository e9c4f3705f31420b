package dev.conveyor.frontend.schedule;

import dev.conveyor.frontend.job.SubmitJobRequest;
import dev.conveyor.frontend.manifest.SubmitManifestRequest;
import dev.conveyor.frontend.security.SubmittedJobs;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/schedules}: exactly one of {@code job} and {@code manifest}. */
record CreateScheduleRequest(
        @Schema(description = "Unique per tenant", example = "nightly-sales", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String name,
        @Schema(description = "Six fields, seconds first (Spring's CronExpression)", example = "0 0 2 * * *",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "is required")
        String cron,
        @Schema(description = "The zone the expression is read in; default UTC", example = "Europe/Berlin")
        String timeZone,
        @Schema(description = "What each tick submits: the body of POST /api/v1/jobs (without runAt)")
        @Valid SubmitJobRequest job,
        @Schema(description = "What each tick submits: the body of POST /api/v1/manifests")
        SubmitManifestRequest manifest,
        @Schema(description = "While the previous tick's work runs: skip (default), allow or cancel_previous")
        String overlap,
        @Schema(description = "Missed ticks after downtime: none, one (default) or all")
        String catchUp,
        @Schema(description = "Created paused; default false") Boolean paused,
        @Schema(description = "Free-form string labels")
        Map<@NotBlank(message = "keys must not be blank") String, @NotNull(message = "must be a string") String> labels)
        implements SubmittedJobs {

    @Override
    public List<SubmittedJob> submittedJobs() {
        return WorkTemplateChecks.submittedJobs(job, manifest);
    }
}
