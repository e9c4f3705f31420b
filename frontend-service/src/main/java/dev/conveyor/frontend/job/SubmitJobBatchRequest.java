package dev.conveyor.frontend.job;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/jobs/batch}: jobs submitted together, all or none. */
record SubmitJobBatchRequest(
        @Schema(description = "1 to conveyor.frontend.submission.max-batch-jobs (1,000 by default) jobs",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<Item> jobs) {

    /** One job: the body of {@code POST /api/v1/jobs}, plus the Idempotency-Key that request would send. */
    record Item(
            @Schema(description = "A registered job type", example = "noop",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String type,
            @Schema(description = "Parameters, validated against the type's JSON Schema", example = "{}")
            Map<String, Object> params,
            @Schema(description = "Do not start before this instant (ISO-8601)", example = "2030-01-01T00:00:00Z")
            Instant runAt,
            @Schema(description = "How many times the job may run, 1 to 100; default 3", example = "3")
            Integer maxAttempts,
            @Schema(description = "How long one attempt may run (ISO-8601 duration)", type = "string",
                    example = "PT5M")
            Duration timeout,
            @Schema(description = "Free-form string labels") Map<String, String> labels,
            @Schema(description = "Makes this job safe to submit again, alone or in a batch: scoped to the tenant,"
                    + " shared with the Idempotency-Key header of POST /api/v1/jobs", example = "orders-2026-11-23")
            String idempotencyKey) {

        SubmitJobRequest job() {
            return new SubmitJobRequest(type, params, runAt, maxAttempts, timeout, labels);
        }
    }
}
