package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The guarded state transitions of {@code conveyor.job}. Each transition is one SQL statement: an
 * {@code UPDATE ... WHERE id = ? AND state = ?} (plus the lease owner and attempt where a worker
 * holds the job) that also appends the move to {@code conveyor.job_event}. An empty result means
 * another instance moved the job first; callers treat that as a normal outcome, not an error.
 */
public class JobStore {

    private static final String MOVE = """
            WITH moved AS (
                UPDATE conveyor.job
                   SET state = :to, version = version + 1, updated_at = :now %s
                 WHERE id = :id AND state = :from %s
             RETURNING *
            ), recorded AS (
                INSERT INTO conveyor.job_event (job_id, from_state, to_state, attempt, worker, message, at)
                SELECT id, CAST(:from AS text), CAST(:to AS text), attempt, CAST(:worker AS text), CAST(:message AS text), :now
                  FROM moved
            )
            SELECT * FROM moved
            """;

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final JobRowMapper rows;
    private final Clock clock;

    public JobStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = new JobRowMapper(json);
        this.clock = clock;
    }

    /** Stores a new job and the first entry of its history in one statement. */
    public Job insert(NewJob job) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        WITH inserted AS (
                            INSERT INTO conveyor.job (id, tenant, type, params, labels, state, max_attempts, timeout_ms,
                                   not_before, idempotency_key, request_hash, manifest_id, job_key,
                                   pending_dependencies, parent_id, depth, created_at, updated_at)
                            VALUES (:id, :tenant, :type, CAST(:params AS jsonb), CAST(:labels AS jsonb), :state,
                                   :maxAttempts, :timeoutMs, :notBefore, :idempotencyKey, :requestHash, :manifestId,
                                   :jobKey, :pending, :parentId, :depth, :now, :now)
                            RETURNING *
                        ), recorded AS (
                            INSERT INTO conveyor.job_event (job_id, from_state, to_state, attempt, at)
                            SELECT id, NULL, state, attempt, :now FROM inserted
                        )
                        SELECT * FROM inserted
                        """)
                .param("id", job.id())
                .param("tenant", job.tenant())
                .param("type", job.type())
                .param("params", json.write(job.params()))
                .param("labels", json.write(job.labels()))
                .param("state", job.initialState().name())
                .param("maxAttempts", job.maxAttempts())
                .param("timeoutMs", job.timeout() == null ? null : job.timeout().toMillis())
                .param("notBefore", Timestamps.of(job.notBefore()))
                .param("idempotencyKey", job.idempotencyKey())
                .param("requestHash", job.requestHash())
                .param("manifestId", job.manifestId())
                .param("jobKey", job.jobKey())
                .param("pending", job.pendingDependencies())
                .param("parentId", job.parentId())
                .param("depth", job.depth())
                .param("now", Timestamps.of(now))
                .query(rows)
                .single();
    }

    public Optional<Job> find(UUID id) {
        return jdbc.sql("SELECT * FROM conveyor.job WHERE id = :id").param("id", id).query(rows).optional();
    }

    public Optional<Job> findByIdempotencyKey(String tenant, String key) {
        return jdbc.sql("SELECT * FROM conveyor.job WHERE tenant = :tenant AND idempotency_key = :key")
                .param("tenant", tenant)
                .param("key", key)
                .query(rows)
                .optional();
    }

    /** SUBMITTED, WAITING or SCHEDULED to QUEUED: the job is about to be published on its typed topic. */
    public Optional<Job> queue(UUID id, JobState from) {
        return move(id, from, JobState.QUEUED, ", queued_at = :now", "", Map.of(), null, null);
    }

    /** SUBMITTED or WAITING to SCHEDULED: ready, but not before the given time. */
    public Optional<Job> schedule(UUID id, JobState from, Instant notBefore) {
        return move(id, from, JobState.SCHEDULED, ", not_before = :notBefore", "",
                Map.of("notBefore", Timestamps.of(notBefore)), null, "not before " + notBefore);
    }

    /**
     * QUEUED to RUNNING under a lease held by {@code worker}; the attempt count goes up by one. Empty
     * when the job is no longer QUEUED (a duplicate delivery, a cancelled job, another worker won).
     */
    public Optional<Job> claim(UUID id, String worker, Duration lease) {
        Optional<Job> claimed = tryClaim(id, worker, lease);
        if (claimed.isEmpty()) {
            // The scheduler publishes a job inside the transaction that queues it, so its message can
            // arrive before that commit. A guarded UPDATE does not wait for a row whose committed
            // state does not match; waiting for the row lock once and looking again closes that gap.
            awaitRowLock(id);
            claimed = tryClaim(id, worker, lease);
        }
        return claimed;
    }

    private Optional<Job> tryClaim(UUID id, String worker, Duration lease) {
        Instant now = clock.instant();
        return move(id, JobState.QUEUED, JobState.RUNNING,
                ", attempt = attempt + 1, lease_owner = :worker, lease_until = :leaseUntil, started_at = :now,"
                        + " progress = NULL, error = NULL",
                "", Map.of("leaseUntil", Timestamps.of(now.plus(lease))), worker, null);
    }

    /** Blocks until no other transaction holds the job's row; outside a transaction the lock is let go at once. */
    private void awaitRowLock(UUID id) {
        jdbc.sql("SELECT id FROM conveyor.job WHERE id = :id FOR SHARE").param("id", id).query().rowSet();
    }

    /** RUNNING to SUCCEEDED, only for the worker that holds the lease on this attempt. */
    public Optional<Job> succeed(UUID id, String worker, int attempt, Map<String, Object> result) {
        return move(id, JobState.RUNNING, JobState.SUCCEEDED,
                ", result = CAST(:result AS jsonb), finished_at = :now, lease_owner = NULL, lease_until = NULL",
                leaseGuard(), Map.of("result", json.write(result), "attempt", attempt), worker, null);
    }

    /** RUNNING to FAILED for good, only for the worker that holds the lease on this attempt. */
    public Optional<Job> fail(UUID id, String worker, int attempt, String error) {
        return fail(id, worker, attempt, error, Map.of());
    }

    /**
     * RUNNING to FAILED for good, keeping what the attempt found (e.g. a data check's verdict on every
     * assertion) as the job's result; an empty map keeps the result as it was.
     */
    public Optional<Job> fail(UUID id, String worker, int attempt, String error, Map<String, Object> result) {
        return move(id, JobState.RUNNING, JobState.FAILED,
                ", error = :error, result = COALESCE(CAST(:result AS jsonb), result), finished_at = :now,"
                        + " lease_owner = NULL, lease_until = NULL",
                leaseGuard(), nullable(Map.of("error", describe(error), "attempt", attempt),
                        "result", result.isEmpty() ? null : json.write(result)), worker, error);
    }

    /** RUNNING to SCHEDULED: the attempt failed and the job will try again at {@code notBefore}. */
    public Optional<Job> retryLater(UUID id, String worker, int attempt, String error, Instant notBefore) {
        return move(id, JobState.RUNNING, JobState.SCHEDULED,
                ", error = :error, not_before = :notBefore, lease_owner = NULL, lease_until = NULL",
                leaseGuard(), Map.of("error", describe(error), "attempt", attempt, "notBefore", Timestamps.of(notBefore)),
                worker, error);
    }

    /** Any state that allows it to CANCELLED; a RUNNING job is cancelled only by its worker. */
    public Optional<Job> cancel(UUID id, JobState from, String message) {
        from.checkMoveTo(JobState.CANCELLED);
        return move(id, from, JobState.CANCELLED,
                ", finished_at = :now, lease_owner = NULL, lease_until = NULL", "", Map.of(), null, message);
    }

    /** A job that could not be prepared for a worker (e.g. an unresolvable reference) fails at once. */
    public Optional<Job> failWithoutRunning(UUID id, JobState from, String error) {
        from.checkMoveTo(JobState.FAILED);
        return move(id, from, JobState.FAILED, ", error = :error, finished_at = :now", "",
                Map.of("error", describe(error)), null, error);
    }

    /** A job that can never run because something upstream failed or was cancelled. */
    public Optional<Job> skip(UUID id, JobState from, String message) {
        return move(id, from, JobState.SKIPPED, ", finished_at = :now", "", Map.of(), null, message);
    }

    /**
     * RUNNING to CANCELLED, recorded by the worker that held the job when it stopped it (a cancel
     * request or a timeout it turned into a cancellation).
     */
    public Optional<Job> cancelRunning(UUID id, String worker, int attempt, String message) {
        return move(id, JobState.RUNNING, JobState.CANCELLED,
                ", finished_at = :now, lease_owner = NULL, lease_until = NULL, cancel_requested = false",
                leaseGuard(), Map.of("attempt", attempt), worker, message);
    }

    /**
     * Asks the worker running the job to stop; it sees the flag on its next heartbeat. Not a state
     * change, so it writes no history. False when the job is not RUNNING.
     */
    public boolean requestCancel(UUID id) {
        return jdbc.sql("""
                        UPDATE conveyor.job SET cancel_requested = true, updated_at = :now, version = version + 1
                         WHERE id = :id AND state = 'RUNNING'
                        """)
                .param("id", id)
                .param("now", Timestamps.of(clock.instant()))
                .update() == 1;
    }

    /**
     * RUNNING to QUEUED without counting the attempt: a draining worker hands the job back so another
     * worker starts it at once.
     */
    public Optional<Job> handBack(UUID id, String worker, int attempt) {
        return move(id, JobState.RUNNING, JobState.QUEUED,
                ", attempt = attempt - 1, queued_at = :now, lease_owner = NULL, lease_until = NULL",
                leaseGuard(), Map.of("attempt", attempt), worker, "handed back by a draining worker");
    }

    /**
     * RUNNING to QUEUED because the worker stopped renewing its lease (it crashed or lost its
     * connection). The attempt stays counted. Called by the lease sweep on rows it locked.
     */
    public Optional<Job> requeueExpired(UUID id, String worker, int attempt) {
        return move(id, JobState.RUNNING, JobState.QUEUED,
                ", queued_at = :now, lease_owner = NULL, lease_until = NULL, cancel_requested = false",
                leaseGuard(), Map.of("attempt", attempt), worker, "lease of " + worker + " expired");
    }

    /**
     * RUNNING to FAILED because the lease expired and no attempts are left. Called by the lease
     * sweep on rows it locked.
     */
    public Optional<Job> failExpired(UUID id, String worker, int attempt) {
        String error = "lease of " + worker + " expired on the last attempt";
        return move(id, JobState.RUNNING, JobState.FAILED,
                ", error = :error, finished_at = :now, lease_owner = NULL, lease_until = NULL",
                leaseGuard(), Map.of("error", error, "attempt", attempt), worker, error);
    }

    /**
     * Locks RUNNING jobs whose lease expired before {@code now}, skipping rows another replica holds.
     * Call it inside a transaction.
     */
    public List<Job> lockExpiredLeases(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT * FROM conveyor.job WHERE state = 'RUNNING' AND lease_until < :now
                         ORDER BY lease_until LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("now", Timestamps.of(now))
                .param("limit", limit)
                .query(rows)
                .list();
    }

    /**
     * FAILED, CANCELLED or SKIPPED back to the start as a new attempt: SUBMITTED, or WAITING when it
     * still has unfinished dependencies. It is given at least one more attempt than it has used.
     */
    public Optional<Job> retry(UUID id, JobState from, JobState to) {
        if (!from.isTerminal() || from == JobState.SUCCEEDED) {
            throw new dev.conveyor.common.job.IllegalTransitionException(from, to);
        }
        return move(id, from, to,
                ", max_attempts = GREATEST(max_attempts, attempt + 1), error = NULL, result = NULL,"
                        + " finished_at = NULL, not_before = NULL, cancel_requested = false",
                "", Map.of(), null, "retry requested");
    }

    /**
     * Locks up to {@code limit} jobs in {@code state} that are due by {@code cutoff} ({@code not_before}
     * for SCHEDULED, {@code created_at} otherwise), skipping rows another replica has locked. Call it
     * inside a transaction and move the jobs before it commits.
     */
    public List<Job> lockDue(JobState state, Instant cutoff, int limit) {
        String dueColumn = state == JobState.SCHEDULED ? "not_before" : "created_at";
        return jdbc.sql("SELECT * FROM conveyor.job WHERE state = :state AND " + dueColumn + " <= :cutoff"
                        + " ORDER BY " + dueColumn + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("state", state.name())
                .param("cutoff", Timestamps.of(cutoff))
                .param("limit", limit)
                .query(rows)
                .list();
    }

    public List<JobEventRecord> history(UUID jobId) {
        return jdbc.sql("SELECT * FROM conveyor.job_event WHERE job_id = :id ORDER BY id")
                .param("id", jobId)
                .query((rs, n) -> new JobEventRecord(
                        rs.getLong("id"),
                        rs.getObject("job_id", UUID.class),
                        rs.getString("from_state") == null ? null : JobState.valueOf(rs.getString("from_state")),
                        JobState.valueOf(rs.getString("to_state")),
                        rs.getInt("attempt"),
                        rs.getString("worker"),
                        rs.getString("message"),
                        JobRowMapper.instant(rs, "at")))
                .list();
    }

    private static Map<String, Object> nullable(Map<String, Object> params, String key, Object value) {
        Map<String, Object> all = new HashMap<>(params);
        all.put(key, value);
        return all;
    }

    private static String describe(String error) {
        return error == null || error.isBlank() ? "failed without a message" : error;
    }

    private static String leaseGuard() {
        return "AND lease_owner = :worker AND attempt = :attempt";
    }

    private Optional<Job> move(UUID id, JobState from, JobState to, String set, String guard,
            Map<String, Object> extra, String worker, String message) {
        from.checkMoveTo(to);
        JdbcClient.StatementSpec statement = jdbc.sql(MOVE.formatted(set, guard))
                .param("id", id)
                .param("from", from.name())
                .param("to", to.name())
                .param("now", Timestamps.of(clock.instant()))
                .param("worker", worker)
                .param("message", message);
        for (Map.Entry<String, Object> param : extra.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.query(rows).optional();
    }
}
