package dev.conveyor.worker.handler;

import dev.conveyor.worker.warehouse.Warehouse;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** What a handler knows about the attempt it runs, and how it cooperates with cancellation. */
public final class JobContext {

    private final UUID jobId;
    private final String tenant;
    private final String type;
    private final int attempt;
    private final Map<String, Object> params;
    private final Warehouse warehouse;
    private final Cancellation cancellation;
    private final ProgressListener progress;

    public JobContext(UUID jobId, String tenant, String type, int attempt, Map<String, Object> params,
            Warehouse warehouse, Cancellation cancellation, ProgressListener progress) {
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.tenant = tenant;
        this.type = type;
        this.attempt = attempt;
        this.params = params == null ? Map.of() : params;
        this.warehouse = warehouse;
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.progress = progress == null ? (fraction, message) -> { } : progress;
    }

    public UUID jobId() {
        return jobId;
    }

    public String tenant() {
        return tenant;
    }

    public String type() {
        return type;
    }

    /** 1 for the first attempt. */
    public int attempt() {
        return attempt;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** The same for every attempt of the job: key writes by it so a retry does not duplicate them. */
    public String idempotencyToken() {
        return jobId.toString();
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    /** Blocks up to {@code timeout} and returns true as soon as the attempt is cancelled. */
    public boolean awaitCancellation(Duration timeout) throws InterruptedException {
        return cancellation.await(timeout);
    }

    /**
     * Lets cancellation and timeouts call {@link Statement#cancel()} on a statement while it runs;
     * close the registration when the statement is done.
     */
    public Cancellation.Registration cancelOnStop(Statement statement) {
        return cancellation.register(statement);
    }

    /** @param fraction between 0 and 1 */
    public void reportProgress(double fraction, String message) {
        progress.report(Math.max(0, Math.min(1, fraction)), message);
    }

    /** Receives progress reports; the worker stores the latest on the job row. */
    @FunctionalInterface
    public interface ProgressListener {
        void report(double fraction, String message);
    }
}
