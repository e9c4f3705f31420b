package dev.conveyor.frontend.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conveyor.frontend.security.SubmittedJobs;
import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.LabelLimits;
import dev.conveyor.frontend.webhook.Notify;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/manifests}. */
public record SubmitManifestRequest(
        @Schema(description = "A name for people", example = "sales-pipeline", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(description = "Free-form string labels") Map<String, String> labels,
        @ArraySchema(arraySchema = @Schema(description = "1 to 1,000 jobs; keys unique, dependencies without cycles"))
        List<Job> jobs,
        @Schema(description = "POST to this URL when the manifest finishes") @JsonProperty("notify")
        Notify notification) implements SubmittedJobs {

    SubmitManifestRequest(String name, Map<String, String> labels, List<Job> jobs) {
        this(name, labels, jobs, null);
    }

    static final int MAX_ATTEMPTS_LIMIT = 100;
    static final int MAX_KEY_LENGTH = 200;

    /** One job of the manifest. */
    public record Job(
            @Schema(description = "Unique in the manifest; other jobs name it in dependsOn and references",
                    example = "load_orders", requiredMode = Schema.RequiredMode.REQUIRED)
            String key,
            @Schema(description = "A registered job type", example = "load", requiredMode = Schema.RequiredMode.REQUIRED)
            String type,
            @Schema(description = "Parameters, validated against the type's JSON Schema. String values may contain"
                    + " ${jobs.<key>.result.<field>}, replaced by that field of an upstream job's result at dispatch")
            Map<String, Object> params,
            @Schema(description = "Keys of the jobs that must succeed before this one starts")
            List<String> dependsOn,
            @Schema(description = "How many times the job may run, 1 to 100; default 3", example = "3")
            Integer maxAttempts,
            @Schema(description = "How long one attempt may run (ISO-8601 duration)", type = "string", example = "PT5M")
            Duration timeout,
            @Schema(description = "Free-form string labels") Map<String, String> labels) {
    }

    /**
     * What is wrong with the request's fields on their own (a 400), before keys are compared, the
     * graph is built or job types are looked at.
     */
    List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
        }
        labelProblems("labels", labels, problems);
        if (jobs == null || jobs.isEmpty()) {
            problems.add(new FieldProblem("jobs", "must hold at least one job"));
            return problems;
        }
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (job == null) {
                problems.add(new FieldProblem("jobs[" + i + "]", "must be a job object"));
                continue;
            }
            String prefix = job.key() == null || job.key().isBlank() ? "jobs[" + i + "]" : "jobs[" + job.key() + "]";
            if (job.key() == null || job.key().isBlank()) {
                problems.add(new FieldProblem(prefix + ".key", "is required"));
            } else if (job.key().length() > MAX_KEY_LENGTH) {
                problems.add(new FieldProblem("jobs[" + i + "].key", "must be at most " + MAX_KEY_LENGTH
                        + " characters"));
            }
            if (job.type() == null || job.type().isBlank()) {
                problems.add(new FieldProblem(prefix + ".type", "is required"));
            }
            if (job.dependsOn() != null && job.dependsOn().stream().anyMatch(up -> up == null || up.isBlank())) {
                problems.add(new FieldProblem(prefix + ".dependsOn", "must hold job keys, not blanks"));
            }
            if (job.maxAttempts() != null && (job.maxAttempts() < 1 || job.maxAttempts() > MAX_ATTEMPTS_LIMIT)) {
                problems.add(new FieldProblem(prefix + ".maxAttempts", "must be between 1 and " + MAX_ATTEMPTS_LIMIT));
            }
            if (job.timeout() != null && (job.timeout().isZero() || job.timeout().isNegative())) {
                problems.add(new FieldProblem(prefix + ".timeout", "must be a positive duration"));
            }
            labelProblems(prefix + ".labels", job.labels(), problems);
        }
        return problems;
    }

    private static void labelProblems(String field, Map<String, String> labels, List<FieldProblem> problems) {
        if (labels == null) {
            return;
        }
        if (labels.size() > LabelLimits.MAX_COUNT) {
            problems.add(new FieldProblem(field, LabelLimits.TOO_MANY));
            return;
        }
        labels.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                problems.add(new FieldProblem(field, "keys must not be blank"));
            } else if (key.length() > LabelLimits.MAX_KEY_LENGTH) {
                problems.add(new FieldProblem(field, LabelLimits.KEY_TOO_LONG));
            } else if (value == null) {
                problems.add(new FieldProblem(field + "." + key, "must be a string"));
            } else if (value.length() > LabelLimits.MAX_VALUE_LENGTH) {
                problems.add(new FieldProblem(field + "." + key, LabelLimits.VALUE_TOO_LONG));
            }
        });
    }

    @Override
    public List<SubmittedJob> submittedJobs() {
        List<SubmittedJob> submitted = new ArrayList<>();
        for (int i = 0; jobs != null && i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (job != null) {
                String name = job.key() == null || job.key().isBlank() ? String.valueOf(i) : job.key();
                submitted.add(new SubmittedJob("jobs[" + name + "].type", job.type(), job.params()));
            }
        }
        return submitted;
    }
}
