package dev.conveyor.frontend.job;

import dev.conveyor.frontend.system.FieldProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/jobs}. */
record SubmitJobRequest(
        @Schema(description = "A registered job type", example = "sql", requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
        @Schema(description = "Parameters, validated against the type's JSON Schema", example = "{\"sql\": \"select 1\"}")
        Map<String, Object> params,
        @Schema(description = "Do not start before this instant (ISO-8601)", example = "2030-01-01T00:00:00Z")
        Instant runAt,
        @Schema(description = "How many times the job may run, 1 to 100; default 3", example = "3")
        Integer maxAttempts,
        @Schema(description = "How long one attempt may run (ISO-8601 duration)", type = "string", example = "PT5M")
        Duration timeout,
        @Schema(description = "Free-form string labels") Map<String, String> labels) {

    static final int MAX_ATTEMPTS_LIMIT = 100;

    /**
     * What is wrong with the request on its own, before the job type is looked at. Bean Validation
     * would do for most of it, but one list checked in one place is easier to test and to read.
     */
    List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (type == null || type.isBlank()) {
            problems.add(new FieldProblem("type", "is required"));
        }
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT)) {
            problems.add(new FieldProblem("maxAttempts", "must be between 1 and " + MAX_ATTEMPTS_LIMIT));
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            problems.add(new FieldProblem("timeout", "must be a positive duration"));
        }
        if (labels != null) {
            labels.forEach((key, value) -> {
                if (key == null || key.isBlank()) {
                    problems.add(new FieldProblem("labels", "keys must not be blank"));
                } else if (value == null) {
                    problems.add(new FieldProblem("labels." + key, "must be a string"));
                }
            });
        }
        return problems;
    }
}
