package dev.conveyor.frontend.jobtype;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A job type as the API lists it. */
record JobTypeView(
        String type,
        @Schema(description = "Kafka topic jobs of this type are dispatched to for the calling tenant") String topic,
        String description,
        @Schema(description = "JSON Schema (draft 2020-12) the params of a job of this type must satisfy")
        JsonNode paramsSchema) {
}
