package dev.conveyor.frontend.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** The body of {@code PATCH /api/v1/schedules/{id}}: every field optional, a missing one stays as it is. */
record UpdateScheduleRequest(
        @Schema(description = "A new expression; the next tick is computed from now") String cron,
        @Schema(description = "A new zone; the next tick is computed from now") String timeZone,
        @Schema(description = "skip, allow or cancel_previous") String overlap,
        @Schema(description = "none, one or all") String catchUp,
        @Schema(description = "true pauses; false resumes from the next tick after now") Boolean paused,
        @Schema(description = "Replaces the labels")
        Map<@NotBlank(message = "keys must not be blank") String, @NotNull(message = "must be a string") String> labels) {
}
