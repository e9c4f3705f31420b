package dev.conveyor.worker.handler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job failed in a way another attempt cannot fix (bad params, a failed data check): it fails for
 * good. Its message is stored as the job's error as it is, so write it for the person reading the job.
 * A handler that produced a result before deciding to fail (a data check lists its assertions) passes
 * it along; the worker keeps it on the failed job.
 */
public class NonRetryableJobException extends RuntimeException {

    private final Map<String, Object> result;

    public NonRetryableJobException(String message) {
        this(message, (Throwable) null);
    }

    public NonRetryableJobException(String message, Throwable cause) {
        super(message, cause);
        this.result = Map.of();
    }

    public NonRetryableJobException(String message, Map<String, Object> result) {
        super(message);
        // insertion order kept, so the stored result reads the way the handler built it
        this.result = Collections.unmodifiableMap(new LinkedHashMap<>(result));
    }

    /** What the attempt found before it failed; empty when it has nothing to show. */
    public Map<String, Object> result() {
        return result;
    }
}
