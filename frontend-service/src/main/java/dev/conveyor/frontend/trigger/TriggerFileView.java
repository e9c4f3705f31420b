package dev.conveyor.frontend.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One file a trigger saw.
 *
 * @param path relative to the files directory, as the work's {@code ${trigger.path}} got it
 * @param state SEEN (waiting to be stable), STARTED ({@code jobId} or {@code manifestId}) or FAILED (its work could
 *     not be stored; see {@code message})
 * @param startedAt when it started or failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TriggerFileView(String path, long size, Instant modifiedAt, String state, UUID jobId, UUID manifestId,
        String message, Instant firstSeenAt, Instant startedAt) {
}
