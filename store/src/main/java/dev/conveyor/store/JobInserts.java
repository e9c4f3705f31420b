package dev.conveyor.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Stores many new jobs with one statement: the write side of group commit and bulk submission.
 *
 * <p>The batch travels as one array per column and is expanded with {@code unnest}, so the statement
 * text is the same for one job or a thousand (one prepared statement, one plan) and the whole batch
 * costs one round trip and, outside a transaction, one commit. An idempotency key already taken
 * (by a committed row, by a concurrent transaction that commits first, or by an earlier job of the
 * same batch) is not an error: {@code ON CONFLICT ... DO NOTHING} skips that job and the caller
 * looks up the job that holds the key. Each inserted job gets the first entry of its history in the
 * same statement, as {@link JobStore#insert} does for one job.
 */
public class JobInserts {

    /**
     * What became of one job of a batch.
     *
     * @param job the job as given
     * @param stored the inserted row, or null when the job's idempotency key was already taken
     */
    public record Result(NewJob job, Job stored) {

        /** True when another job (stored earlier or earlier in the batch) holds this job's idempotency key. */
        public boolean collided() {
            return stored == null;
        }
    }

    private static final String INSERT_ALL = """
            WITH batch AS (
                SELECT * FROM unnest(:ids, :tenants, :types, :params, :labels, :states, :maxAttempts, :timeoutMs,
                                     :notBefore, :idempotencyKeys, :requestHashes, :manifestIds, :jobKeys,
                                     :pending, :parentIds, :depths, :traceParents) WITH ORDINALITY
                    AS b(id, tenant, type, params, labels, state, max_attempts, timeout_ms, not_before,
                         idempotency_key, request_hash, manifest_id, job_key, pending_dependencies, parent_id,
                         depth, trace_parent, position)
            ), inserted AS (
                INSERT INTO conveyor.job (id, tenant, type, params, labels, state, max_attempts, timeout_ms,
                       not_before, idempotency_key, request_hash, manifest_id, job_key, pending_dependencies,
                       parent_id, depth, trace_parent, trace_id, created_at, updated_at)
                SELECT id, tenant, type, CAST(params AS jsonb), CAST(labels AS jsonb), state, max_attempts,
                       timeout_ms, CAST(not_before AS timestamptz), idempotency_key, request_hash, manifest_id,
                       job_key, pending_dependencies, parent_id, depth, trace_parent, substr(trace_parent, 4, 32),
                       :now, :now
                  FROM batch
                 -- keys in one order across concurrent batches, so two batches that share keys wait
                 -- for each other instead of deadlocking
                 ORDER BY tenant, idempotency_key, position
                    ON CONFLICT (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING *
            ), recorded AS (
                INSERT INTO conveyor.job_event (job_id, from_state, to_state, attempt, at)
                SELECT id, NULL, state, attempt, :now FROM inserted
            )
            SELECT * FROM inserted
            """;

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final JobRowMapper rows;
    private final Clock clock;

    public JobInserts(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = new JobRowMapper(json);
        this.clock = clock;
    }

    /**
     * Inserts every job that does not collide on its idempotency key, each with its first history
     * entry, in one statement (atomic on its own, or part of the caller's transaction). Returns one
     * result per job, in the order given. Of several jobs in the batch with the same tenant and key,
     * the first one is inserted and the others are reported as collided, so exactly one of them wins.
     */
    public List<Result> insertAll(List<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<NewJob> candidates = withoutRepeatedKeys(jobs);
        Map<UUID, Job> stored = new HashMap<>();
        if (!candidates.isEmpty()) {
            insert(candidates).forEach(job -> stored.put(job.id(), job));
        }
        List<Result> results = new ArrayList<>(jobs.size());
        for (NewJob job : jobs) {
            results.add(new Result(job, stored.get(job.id())));
        }
        return results;
    }

    /** The jobs of {@code tenant} holding any of {@code keys}, by key; keys nobody holds are absent. */
    public Map<String, Job> findByIdempotencyKeys(String tenant, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, Job> found = new HashMap<>();
        jdbc.sql("SELECT * FROM conveyor.job WHERE tenant = :tenant AND idempotency_key = ANY(:keys)")
                .param("tenant", tenant)
                .param("keys", new SqlArrayValue("text", new HashSet<>(keys).toArray()))
                .query(rows)
                .list()
                .forEach(job -> found.put(job.idempotencyKey(), job));
        return found;
    }

    /**
     * The jobs to send to the database: a repeated (tenant, key) in one batch would be decided by the
     * order PostgreSQL happens to insert in, so the first one is chosen here and the rest are left out.
     */
    private static List<NewJob> withoutRepeatedKeys(List<NewJob> jobs) {
        Set<List<String>> keys = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        List<NewJob> candidates = new ArrayList<>(jobs.size());
        for (NewJob job : jobs) {
            if (!ids.add(job.id())) {
                throw new IllegalArgumentException("Job " + job.id() + " appears twice in one batch");
            }
            if (job.idempotencyKey() == null || keys.add(List.of(job.tenant(), job.idempotencyKey()))) {
                candidates.add(job);
            }
        }
        return candidates;
    }

    private List<Job> insert(List<NewJob> jobs) {
        int n = jobs.size();
        Object[] ids = new Object[n];
        Object[] tenants = new Object[n];
        Object[] types = new Object[n];
        Object[] params = new Object[n];
        Object[] labels = new Object[n];
        Object[] states = new Object[n];
        Object[] maxAttempts = new Object[n];
        Object[] timeoutMs = new Object[n];
        Object[] notBefore = new Object[n];
        Object[] idempotencyKeys = new Object[n];
        Object[] requestHashes = new Object[n];
        Object[] manifestIds = new Object[n];
        Object[] jobKeys = new Object[n];
        Object[] pending = new Object[n];
        Object[] parentIds = new Object[n];
        Object[] depths = new Object[n];
        Object[] traceParents = new Object[n];
        for (int i = 0; i < n; i++) {
            NewJob job = jobs.get(i);
            ids[i] = job.id();
            tenants[i] = job.tenant();
            types[i] = job.type();
            params[i] = json.write(job.params());
            labels[i] = json.write(job.labels());
            states[i] = job.initialState().name();
            maxAttempts[i] = job.maxAttempts();
            timeoutMs[i] = job.timeout() == null ? null : job.timeout().toMillis();
            // an ISO-8601 instant with its Z, which timestamptz reads unambiguously
            notBefore[i] = job.notBefore() == null ? null : job.notBefore().toString();
            idempotencyKeys[i] = job.idempotencyKey();
            requestHashes[i] = job.requestHash();
            manifestIds[i] = job.manifestId();
            jobKeys[i] = job.jobKey();
            pending[i] = job.pendingDependencies();
            parentIds[i] = job.parentId();
            depths[i] = job.depth();
            traceParents[i] = job.traceParent();
        }
        return jdbc.sql(INSERT_ALL)
                .param("ids", new SqlArrayValue("uuid", ids))
                .param("tenants", new SqlArrayValue("text", tenants))
                .param("types", new SqlArrayValue("text", types))
                .param("params", new SqlArrayValue("text", params))
                .param("labels", new SqlArrayValue("text", labels))
                .param("states", new SqlArrayValue("text", states))
                .param("maxAttempts", new SqlArrayValue("int4", maxAttempts))
                .param("timeoutMs", new SqlArrayValue("int8", timeoutMs))
                .param("notBefore", new SqlArrayValue("text", notBefore))
                .param("idempotencyKeys", new SqlArrayValue("text", idempotencyKeys))
                .param("requestHashes", new SqlArrayValue("text", requestHashes))
                .param("manifestIds", new SqlArrayValue("uuid", manifestIds))
                .param("jobKeys", new SqlArrayValue("text", jobKeys))
                .param("pending", new SqlArrayValue("int4", pending))
                .param("parentIds", new SqlArrayValue("uuid", parentIds))
                .param("depths", new SqlArrayValue("int4", depths))
                .param("traceParents", new SqlArrayValue("text", traceParents))
                .param("now", Timestamps.of(clock.instant()))
                .query(rows)
                .list();
    }
}
