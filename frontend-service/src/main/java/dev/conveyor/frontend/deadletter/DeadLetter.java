package dev.conveyor.frontend.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A job that failed for good, as the dead-letter listing shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeadLetter(
        UUID jobId,
        String type,
        int attempt,
        String error,
        Instant failedAt,
        UUID manifestId,
        JsonNode params) {
}
