package dev.conveyor.frontend.job;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/** The answer to a bulk submission. */
record SubmittedJobIds(
        @Schema(description = "The id of each job, in the order of the request; a job whose idempotencyKey"
                + " replays an earlier submission has that job's id") List<UUID> ids) {
}
