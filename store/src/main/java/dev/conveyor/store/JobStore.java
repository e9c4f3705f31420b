package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The guarded state transitions of {@code conveyor.job}. Each transition is one SQL statement: an
 * {@code UPDATE ... WHERE id = ? AND state = ?} (plus the lease owner and attempt where a worker
 * holds the job) that also appends the move to {@code conveyor.job_event}. An empty result means
 * another instance moved the job first; callers treat that as a normal outcome, not an error.
 *
 * <p>These are the single-job moves (a request, a manifest decision, a draining worker). The hot path moves
 * batches with one statement each: {@link DispatchStore} (queue, schedule, the sweeps), {@link ClaimStore},
 * {@link OutcomeStore} and {@link LeaseStore}.
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
                                   pending_dependencies, parent_id, depth, trace_parent, trace_id, created_at,
                                   updated_at)
                            VALUES (:id, :tenant, :type, CAST(:params AS jsonb), CAST(:labels AS jsonb), :state,
                                   :maxAttempts, :timeoutMs, :notBefore, :idempotencyKey, :requestHash, :manifestId,
                                   :jobKey, :pending, :parentId, :depth, :traceParent,
                                   substr(CAST(:traceParent AS text), 4, 32), :now, :now)
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
                .param("traceParent", job.traceParent())
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
