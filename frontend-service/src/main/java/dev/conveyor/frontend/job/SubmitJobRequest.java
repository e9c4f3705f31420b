package dev.conveyor.frontend.job;

import dev.conveyor.frontend.security.SubmittedJobs;
import dev.conveyor.frontend.system.IdempotentRequest;
import dev.conveyor.frontend.system.LabelLimits;
import dev.conveyor.frontend.webhook.Notify;
import dev.conveyor.store.NewJob;
import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * The body of {@code POST /api/v1/jobs}. Its fields are checked with Bean Validation before the job type is looked
 * at; a violation is a 400 naming the field ({@code maxAttempts}, {@code labels.team}).
 */
public record SubmitJobRequest(
        @Schema(description = "A registered job type", example = "sql", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = IS_REQUIRED)
        String type,
        @Schema(description = "Parameters, validated against the type's JSON Schema", example = "{\"sql\": \"select 1\"}")
        Map<String, Object> params,
        @Schema(description = "Do not start before this instant (ISO-8601)", example = "2030-01-01T00:00:00Z")
        Instant runAt,
        @Schema(description = "How many times the job may run, 1 to 100; default 3", example = "3")
        @Range(min = 1, max = MAX_ATTEMPTS_LIMIT, message = MAX_ATTEMPTS_RANGE)
        Integer maxAttempts,
        @Schema(description = "How long one attempt may run (ISO-8601 duration)", type = "string", example = "PT5M")
        @DurationMin(nanos = 1, message = POSITIVE_DURATION)
        Duration timeout,
        @Schema(description = "Free-form string labels")
        @Size(max = LabelLimits.MAX_COUNT, message = LabelLimits.TOO_MANY)
        Map<@NotBlank(message = BLANK_LABEL_KEY)
                @Size(max = LabelLimits.MAX_KEY_LENGTH, message = LabelLimits.KEY_TOO_LONG) String,
                @NotNull(message = LABEL_NOT_STRING)
                @Size(max = LabelLimits.MAX_VALUE_LENGTH, message = LabelLimits.VALUE_TOO_LONG) String> labels,
        // "notify" in JSON: a record component cannot be named after Object.notify()
        @Schema(description = "POST to this URL when the job finishes") @JsonProperty("notify") Notify notification)
        implements SubmittedJobs {

    SubmitJobRequest(String type, Map<String, Object> params, Instant runAt, Integer maxAttempts, Duration timeout,
            Map<String, String> labels) {
        this(type, params, runAt, maxAttempts, timeout, labels, null);
    }

    static final int MAX_ATTEMPTS_LIMIT = 100;
    static final String IS_REQUIRED = "is required";
    static final String MAX_ATTEMPTS_RANGE = "must be between 1 and " + MAX_ATTEMPTS_LIMIT;
    static final String POSITIVE_DURATION = "must be a positive duration";
    static final String BLANK_LABEL_KEY = "keys must not be blank";
    static final String LABEL_NOT_STRING = "must be a string";

    /** The job this request describes, with a new time-ordered id; {@code idempotency} is null without a key. */
    NewJob toNewJob(String tenant, IdempotentRequest idempotency) {
        NewJob job = NewJob.of(type, params)
                .withTenant(tenant)
                .withLabels(labels)
                .withMaxAttempts(maxAttempts == null ? NewJob.DEFAULT_MAX_ATTEMPTS : maxAttempts)
                .withTimeout(timeout)
                .withNotBefore(runAt);
        return idempotency == null ? job : job.withIdempotency(idempotency.key(), idempotency.requestHash());
    }

    @Override
    public List<SubmittedJob> submittedJobs() {
        return List.of(new SubmittedJob("type", type, params));
    }
}
