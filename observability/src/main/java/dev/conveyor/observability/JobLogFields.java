package dev.conveyor.observability;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * A job's fields in the MDC for as long as one job is being handled, so every line logged meanwhile names the job:
 * {@code try (JobLogFields fields = JobLogFields.of(...)) { ... }}. Closing puts back the MDC as it was before, so a
 * batch that handles many jobs on one thread never lends one job's fields to the next.
 */
public final class JobLogFields implements AutoCloseable {

    public static final String JOB_ID = "job_id";
    public static final String MANIFEST_ID = "manifest_id";
    public static final String TENANT = "tenant";
    public static final String TYPE = "type";
    public static final String ATTEMPT = "attempt";
    public static final String TRACE_ID = "trace_id";
    /** In the order a logfmt line writes them. */
    public static final List<String> KEYS = List.of(JOB_ID, MANIFEST_ID, TENANT, TYPE, ATTEMPT, TRACE_ID);

    private final Map<String, String> previous;

    private JobLogFields(Map<String, String> previous) {
        this.previous = previous;
    }

    /** Puts the job's fields into this thread's MDC; a null field is left out. */
    public static JobLogFields of(UUID jobId, UUID manifestId, String tenant, String type, int attempt,
            String traceId) {
        JobLogFields fields = new JobLogFields(MDC.getCopyOfContextMap());
        put(JOB_ID, jobId);
        put(MANIFEST_ID, manifestId);
        put(TENANT, tenant);
        put(TYPE, type);
        put(ATTEMPT, attempt);
        put(TRACE_ID, traceId);
        return fields;
    }

    private static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
