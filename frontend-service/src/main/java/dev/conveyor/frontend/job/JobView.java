package dev.conveyor.frontend.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.store.Job;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A job as the API shows it; every field is present, null where not known yet. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record JobView(
        UUID id,
        String type,
        @Schema(description = "SUBMITTED, WAITING, SCHEDULED, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED or SKIPPED")
        String state,
        int attempt,
        int maxAttempts,
        JsonNode params,
        JsonNode result,
        String error,
        JsonNode progress,
        Instant createdAt,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        Map<String, String> labels,
        UUID manifestId,
        Instant runAt,
        @Schema(description = "ISO-8601 duration", example = "PT5M") String timeout,
        @Schema(description = "A cancel was requested while the job was RUNNING; its worker stops it and records"
                + " CANCELLED") boolean cancelRequested,
        @Schema(description = "The job that submitted this one as a follow-up, or null") UUID parentId,
        @Schema(description = "How many follow-up levels below a job submitted through the API (0 for those)")
        int depth,
        @Schema(description = "The W3C trace id shared by the spans of every service that handled this job (the"
                + " submitting request's trace; follow-ups and retries keep it), or null")
        String traceId) {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    static JobView of(Job job, JsonMapper mapper) {
        return new JobView(job.id(), job.type(), job.state().name(), job.attempt(), job.maxAttempts(),
                tree(mapper, job.params()), tree(mapper, job.result()), job.error(), tree(mapper, job.progress()),
                job.createdAt(), job.queuedAt(), job.startedAt(), job.finishedAt(), job.labels(), job.manifestId(),
                job.notBefore(), job.timeout() == null ? null : job.timeout().toString(), job.cancelRequested(),
                job.parentId(), job.depth(), job.traceId());
    }

    static JobView of(JobEntity job, JsonMapper mapper) {
        return new JobView(job.id(), job.type(), job.state().name(), job.attempt(), job.maxAttempts(),
                parse(mapper, job.params()), parse(mapper, job.result()), job.error(), parse(mapper, job.progress()),
                job.createdAt(), job.queuedAt(), job.startedAt(), job.finishedAt(),
                job.labels() == null ? Map.of() : mapper.readValue(job.labels(), LABELS), job.manifestId(),
                job.notBefore(), job.timeoutMs() == null ? null : Duration.ofMillis(job.timeoutMs()).toString(),
                job.cancelRequested(), job.parentId(), job.depth(), job.traceId());
    }

    private static JsonNode tree(JsonMapper mapper, Object value) {
        return value == null ? null : mapper.valueToTree(value);
    }

    private static JsonNode parse(JsonMapper mapper, String json) {
        return json == null ? null : mapper.readTree(json);
    }
}
