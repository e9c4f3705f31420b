package dev.conveyor.frontend.trigger;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The body of {@code PATCH /api/v1/triggers/{id}}. */
record UpdateTriggerRequest(
        @Schema(description = "true pauses; false resumes", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required") Boolean paused) {
}
