package dev.conveyor.frontend.job;

import static dev.conveyor.frontend.job.SubmitJobRequest.BLANK_LABEL_KEY;
import static dev.conveyor.frontend.job.SubmitJobRequest.IS_REQUIRED;
import static dev.conveyor.frontend.job.SubmitJobRequest.LABEL_NOT_STRING;
import static dev.conveyor.frontend.job.SubmitJobRequest.MAX_ATTEMPTS_LIMIT;
import static dev.conveyor.frontend.job.SubmitJobRequest.MAX_ATTEMPTS_RANGE;
import static dev.conveyor.frontend.job.SubmitJobRequest.POSITIVE_DURATION;

import dev.conveyor.frontend.security.SubmittedJobs;
import dev.conveyor.frontend.system.IdempotentRequest;
import dev.conveyor.frontend.system.LabelLimits;
import dev.conveyor.frontend.system.RequestHeaders;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * The body of {@code POST /api/v1/jobs/batch}: jobs submitted together, all or none. Checked with Bean Validation
 * like a single job, every problem named by the job's index ({@code jobs[3].maxAttempts}).
 */
record SubmitJobBatchRequest(
        @Schema(description = "1 to conveyor.frontend.submission.max-batch-jobs (1,000 by default) jobs",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = IS_REQUIRED)
        @Size(min = 1, message = "must hold at least one job")
        List<@NotNull(message = IS_REQUIRED) @Valid Item> jobs) implements SubmittedJobs {

    /** 1 to {@link RequestHeaders#MAX_LENGTH} characters, not all of them blank, as the Idempotency-Key header. */
    private static final String KEY_PATTERN = "(?s)(?=.*\\S).{1," + RequestHeaders.MAX_LENGTH + "}";

    /** One job: the body of {@code POST /api/v1/jobs}, plus the Idempotency-Key that request would send. */
    record Item(
            @Schema(description = "A registered job type", example = "noop",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = IS_REQUIRED)
            String type,
            @Schema(description = "Parameters, validated against the type's JSON Schema", example = "{}")
            Map<String, Object> params,
            @Schema(description = "Do not start before this instant (ISO-8601)", example = "2030-01-01T00:00:00Z")
            Instant runAt,
            @Schema(description = "How many times the job may run, 1 to 100; default 3", example = "3")
            @Range(min = 1, max = MAX_ATTEMPTS_LIMIT, message = MAX_ATTEMPTS_RANGE)
            Integer maxAttempts,
            @Schema(description = "How long one attempt may run (ISO-8601 duration)", type = "string",
                    example = "PT5M")
            @DurationMin(nanos = 1, message = POSITIVE_DURATION)
            Duration timeout,
            @Schema(description = "Free-form string labels")
            @Size(max = LabelLimits.MAX_COUNT, message = LabelLimits.TOO_MANY)
            Map<@NotBlank(message = BLANK_LABEL_KEY)
                    @Size(max = LabelLimits.MAX_KEY_LENGTH, message = LabelLimits.KEY_TOO_LONG) String,
                    @NotNull(message = LABEL_NOT_STRING)
                    @Size(max = LabelLimits.MAX_VALUE_LENGTH, message = LabelLimits.VALUE_TOO_LONG) String> labels,
            @Schema(description = "Makes this job safe to submit again, alone or in a batch: scoped to the tenant,"
                    + " shared with the Idempotency-Key header of POST /api/v1/jobs", example = "orders-2026-11-23")
            @Pattern(regexp = KEY_PATTERN, message = "must be 1 to " + RequestHeaders.MAX_LENGTH + " characters")
            String idempotencyKey) {

        SubmitJobRequest job() {
            return new SubmitJobRequest(type, params, runAt, maxAttempts, timeout, labels);
        }

        /** The item's key with the fingerprint of its job, as a single submission with that header would have; or null. */
        IdempotentRequest idempotency(String tenant) {
            return idempotencyKey == null ? null
                    : new IdempotentRequest(idempotencyKey, RequestFingerprint.of(tenant, job()));
        }
    }

    @Override
    public List<SubmittedJob> submittedJobs() {
        List<SubmittedJob> submitted = new ArrayList<>();
        for (int i = 0; jobs != null && i < jobs.size(); i++) {
            Item item = jobs.get(i);
            if (item != null) {
                submitted.add(new SubmittedJob("jobs[" + i + "].type", item.type(), item.params()));
            }
        }
        return submitted;
    }
}
