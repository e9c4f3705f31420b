package dev.conveyor.frontend.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One state change of a job; {@code from} is null for the entry that created it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record JobEventView(String from, String to, int attempt, String worker, String message, Instant at) {
}
