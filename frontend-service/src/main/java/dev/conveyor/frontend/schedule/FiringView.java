package dev.conveyor.frontend.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One firing of a schedule.
 *
 * @param fireTime the tick, or the time of a manual trigger
 * @param outcome FIRED (started {@code jobId} or {@code manifestId}), SKIPPED (the previous firing's work still
 *     ran) or FAILED (the work could not be stored; see {@code message})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FiringView(Instant fireTime, boolean manual, String outcome, UUID jobId, UUID manifestId, String message,
        Instant firedAt) {
}
