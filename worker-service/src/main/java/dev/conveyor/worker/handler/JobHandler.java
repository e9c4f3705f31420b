package dev.conveyor.worker.handler;

import java.util.Map;

/**
 * Runs one type of job. Each handler is a Spring bean; adding a bean adds a job type: at start-up the
 * worker registers its {@link #definition()} so the API can validate submissions, and
 * consumes the type's topic.
 *
 * <p>{@link #execute} may run more than once for one job (a retry, or a second worker after a lost
 * lease), so writes should be keyed by {@link JobContext#idempotencyToken()}.
 */
public interface JobHandler {

    /** The job type, its description and its params schema, registered at start-up. */
    JobTypeDefinition definition();

    /** The job type, e.g. {@code sql}; also names the typed topic {@code conveyor.jobs.<type>}. */
    default String type() {
        return definition().type();
    }

    /**
     * Runs the job on a virtual thread. Returns a small JSON-able result (names, counts, never bulk
     * data). Throw {@link NonRetryableJobException} when another attempt cannot help; any other
     * exception counts as a failed attempt that may be retried. Long work should check
     * {@link JobContext#isCancelled()} or register its JDBC statements with the context.
     */
    Map<String, Object> execute(JobContext context) throws Exception;
}
