package dev.conveyor.observability;

import io.micrometer.tracing.TraceContext;

/**
 * W3C {@code traceparent} values ({@code 00-<trace id>-<parent span id>-<flags>}): the one form in which a job's
 * trace context is stored on its row and carried in Kafka headers.
 */
public final class TraceParents {

    /** The Kafka header (and W3C HTTP header) name. */
    public static final String HEADER = "traceparent";

    private static final int LENGTH = 55;

    private TraceParents() {
    }

    public static String of(TraceContext context) {
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /** The trace id of a well-formed {@code traceparent}, null for anything else. */
    public static String traceId(String traceParent) {
        return isValid(traceParent) ? traceParent.substring(3, 35) : null;
    }

    static boolean isValid(String traceParent) {
        if (traceParent == null || traceParent.length() != LENGTH || !traceParent.startsWith("00-")
                || traceParent.charAt(35) != '-' || traceParent.charAt(52) != '-') {
            return false;
        }
        for (int i = 3; i < LENGTH; i++) {
            char c = traceParent.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!hex && i != 35 && i != 52) {
                return false;
            }
        }
        return true;
    }
}
