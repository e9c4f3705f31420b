package dev.conveyor.worker.handler;

import dev.conveyor.worker.warehouse.TenantNotMappedException;
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
    private final int depth;
    private final FollowUps followUps;

    /** A context for a top-level job that cannot submit follow-up jobs; for tests and tools. */
    public JobContext(UUID jobId, String tenant, String type, int attempt, Map<String, Object> params,
            Warehouse warehouse, Cancellation cancellation, ProgressListener progress) {
        this(jobId, tenant, type, attempt, params, warehouse, cancellation, progress, 0, null);
    }

    /**
     * @param depth how many parents the job has: 0 for a job submitted through the API
     * @param followUps stores follow-up jobs; null when this context may not submit any
     */
    public JobContext(UUID jobId, String tenant, String type, int attempt, Map<String, Object> params,
            Warehouse warehouse, Cancellation cancellation, ProgressListener progress, int depth,
            FollowUps followUps) {
        this.depth = depth;
        this.followUps = followUps;
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

    /**
     * The warehouse as this job's tenant may use it: on PostgreSQL in the tenant's role and schema when
     * {@code conveyor.warehouse.tenants} maps it (see {@link Warehouse#forTenant}).
     *
     * @throws NonRetryableJobException when the warehouse requires a mapping the tenant does not have;
     *         left uncaught it fails the job for good
     */
    public Warehouse warehouse() {
        if (warehouse == null) {
            return null;
        }
        try {
            return warehouse.forTenant(tenant);
        } catch (TenantNotMappedException e) {
            throw new NonRetryableJobException(e.getMessage());
        }
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

    /** Like {@link #cancelOnStop(Statement)} for work that is not a statement, such as a PostgreSQL COPY. */
    public Cancellation.Registration cancelOnStop(Cancellation.Stopper stopper) {
        return cancellation.register(stopper);
    }

    /** How many parents the job has: 0 for a job submitted through the API. */
    public int depth() {
        return depth;
    }

    /**
     * Submits a follow-up job of {@code type}, one level deeper than this one and for the same
     * tenant; the scheduler dispatches it like any submitted job. Submitting again in a later
     * attempt of this job returns the job the earlier attempt submitted instead of a duplicate, as
     * long as the handler submits its follow-ups in the same order.
     *
     * @return the id of the follow-up job
     * @throws NonRetryableJobException when the follow-up would be deeper than {@code conveyor.max-depth};
     *         left uncaught it fails this job for good
     */
    public UUID submit(String type, Map<String, Object> params) {
        if (followUps == null) {
            throw new IllegalStateException("This context cannot submit follow-up jobs");
        }
        return followUps.submit(this, Objects.requireNonNull(type, "type"), params == null ? Map.of() : params);
    }

    /** @param fraction between 0 and 1 */
    public void reportProgress(double fraction, String message) {
        progress.report(Math.max(0, Math.min(1, fraction)), message);
    }

    /** Stores a follow-up job and announces it; the worker's implementation enforces the depth limit. */
    @FunctionalInterface
    public interface FollowUps {
        UUID submit(JobContext parent, String type, Map<String, Object> params);
    }

    /** Receives progress reports; the worker stores the latest on the job row. */
    @FunctionalInterface
    public interface ProgressListener {
        void report(double fraction, String message);
    }
}
