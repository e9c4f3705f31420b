package dev.conveyor.observability;

import java.util.UUID;

/**
 * What a span and the log lines of one job are labelled with.
 *
 * @param traceParent the W3C {@code traceparent} stored on the job's row (the context it was submitted in), or
 *                    null for a job stored without one
 */
public record TracedJob(UUID id, UUID manifestId, String tenant, String type, int attempt, String traceParent) {

    /** The trace id of {@link #traceParent}, or null. */
    public String traceId() {
        return TraceParents.traceId(traceParent);
    }
}
