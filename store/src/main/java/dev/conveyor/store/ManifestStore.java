package dev.conveyor.store;

import dev.conveyor.common.manifest.ManifestState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Manifests: a set of jobs with dependencies. Stored in one transaction with their jobs and edges
 * (call {@link #insert} inside the caller's transaction); advanced under a lock on the manifest row
 * so two scheduler replicas handling two upstream successes at once decide one after the other.
 */
public class ManifestStore {

    /*
     * A manifest needs the sweep when all its jobs are terminal (its last event was lost, or it was not finished
     * when the event came) or when one of its WAITING jobs has only terminal dependencies (a JobSucceeded,
     * JobFailed or JobCancelled was lost). Terminal is JobState.isTerminal.
     */
    private static final String STUCK = """
            SELECT m.id FROM conveyor.manifest m
             WHERE m.state = 'RUNNING'
               AND (NOT EXISTS (SELECT 1 FROM conveyor.job j
                                 WHERE j.manifest_id = m.id
                                   AND j.state NOT IN (%1$s))
                    OR EXISTS (SELECT 1 FROM conveyor.job w
                                WHERE w.manifest_id = m.id AND w.state = 'WAITING'
                                  AND NOT EXISTS (SELECT 1 FROM conveyor.job_dependency d
                                                    JOIN conveyor.job u ON u.id = d.depends_on
                                                   WHERE d.job_id = w.id
                                                     AND u.state NOT IN (%1$s))))
             ORDER BY m.updated_at
             LIMIT :limit
               FOR UPDATE OF m SKIP LOCKED
            """.formatted(JobStateLists.TERMINAL);

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final JobStore jobs;
    private final JobRowMapper jobRows;
    private final Clock clock;

    public ManifestStore(JdbcClient jdbc, JsonColumns json, JobStore jobs, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.jobs = jobs;
        this.jobRows = new JobRowMapper(json);
        this.clock = clock;
    }

    /** Stores the manifest, its jobs and their edges. Run it inside a transaction. */
    public Manifest insert(NewManifest manifest) {
        Instant now = clock.instant();
        Manifest stored = jdbc.sql("""
                        INSERT INTO conveyor.manifest (id, tenant, name, labels, state, idempotency_key, request_hash,
                               created_at, updated_at)
                        VALUES (:id, :tenant, :name, CAST(:labels AS jsonb), :state, :key, :hash, :now, :now)
                        RETURNING *
                        """)
                .param("id", manifest.id())
                .param("tenant", manifest.tenant())
                .param("name", manifest.name())
                .param("labels", json.write(manifest.labels()))
                .param("state", ManifestState.RUNNING.name())
                .param("key", manifest.idempotencyKey())
                .param("hash", manifest.requestHash())
                .param("now", Timestamps.of(now))
                .query(this::map)
                .single();
        for (NewJob job : manifest.jobs()) {
            jobs.insert(job);
        }
        manifest.dependsOn().forEach((jobId, upstream) -> upstream.forEach(up ->
                jdbc.sql("INSERT INTO conveyor.job_dependency (job_id, depends_on) VALUES (:job, :up)")
                        .param("job", jobId)
                        .param("up", up)
                        .update()));
        return stored;
    }

    public Optional<Manifest> find(UUID id) {
        return jdbc.sql("SELECT * FROM conveyor.manifest WHERE id = :id").param("id", id).query(this::map).optional();
    }

    public Optional<Manifest> findByIdempotencyKey(String tenant, String key) {
        return jdbc.sql("SELECT * FROM conveyor.manifest WHERE tenant = :tenant AND idempotency_key = :key")
                .param("tenant", tenant)
                .param("key", key)
                .query(this::map)
                .optional();
    }

    /** Locks the manifest row until the caller's transaction ends; every decision about it happens under this lock. */
    public Optional<Manifest> lock(UUID id) {
        return jdbc.sql("SELECT * FROM conveyor.manifest WHERE id = :id FOR UPDATE").param("id", id).query(this::map)
                .optional();
    }

    /**
     * Locks up to {@code limit} RUNNING manifests an event should have moved (every job terminal, or a WAITING
     * job whose dependencies are all terminal), oldest update first, skipping rows another transaction holds:
     * replicas take disjoint batches and skip a manifest an event is advancing right now. Call it inside a
     * transaction.
     */
    public List<UUID> lockStuck(int limit) {
        return jdbc.sql(STUCK).param("limit", limit).query(UUID.class).list();
    }

    /**
     * Waits until no other transaction holds the job's row. An event about a job may come before the commit
     * of whoever moved it (the lease sweep sends its JobFailed inside its transaction); waiting for that
     * commit lets the caller's next read see the job's final state.
     */
    public void awaitJobCommitted(UUID jobId) {
        RowLocks.awaitJobsCommitted(jdbc, List.of(jobId));
    }

    /**
     * Stores the params of a manifest job with its result references substituted, just before it is
     * released, so the row (and GET /jobs/{id}) shows what actually runs and every later dispatch of the job
     * (the due sweep, a lease requeue) sends the same params. Guarded by state and version: the update only
     * lands on the WAITING row the caller read under the manifest lock.
     *
     * @return false when the job is no longer WAITING at {@code version}: another instance moved it first
     */
    public boolean storeResolvedParams(UUID jobId, long version, Map<String, Object> params) {
        return jdbc.sql("""
                        UPDATE conveyor.job SET params = CAST(:params AS jsonb), version = version + 1, updated_at = :now
                         WHERE id = :id AND state = 'WAITING' AND version = :version
                        """)
                .param("id", jobId)
                .param("version", version)
                .param("params", json.write(params))
                .param("now", Timestamps.of(clock.instant()))
                .update() == 1;
    }

    /** The manifest's jobs in the order they were submitted. */
    public List<Job> jobs(UUID manifestId) {
        return jdbc.sql("SELECT * FROM conveyor.job WHERE manifest_id = :id ORDER BY created_at, job_key")
                .param("id", manifestId)
                .query(jobRows)
                .list();
    }

    /** For each job of the manifest, the ids of the jobs it depends on. */
    public Map<UUID, List<UUID>> dependencies(UUID manifestId) {
        Map<UUID, List<UUID>> edges = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT d.job_id, d.depends_on FROM conveyor.job_dependency d
                          JOIN conveyor.job j ON j.id = d.job_id
                         WHERE j.manifest_id = :id
                        """)
                .param("id", manifestId)
                .query((ResultSet rs) -> {
                    edges.computeIfAbsent(rs.getObject("job_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject("depends_on", UUID.class));
                });
        return edges;
    }

    /**
     * Marks the edges from {@code upstreamJobId} satisfied and decrements each dependent's pending
     * count, in one statement. An edge is satisfied once, so a duplicate success event changes nothing.
     *
     * @return the dependents whose last pending dependency this was
     */
    public List<UUID> satisfyDependents(UUID upstreamJobId) {
        return jdbc.sql("""
                        WITH satisfied AS (
                            UPDATE conveyor.job_dependency SET satisfied = true
                             WHERE depends_on = :up AND NOT satisfied
                         RETURNING job_id
                        )
                        UPDATE conveyor.job j
                           SET pending_dependencies = j.pending_dependencies - 1, updated_at = :now
                          FROM satisfied s
                         WHERE j.id = s.job_id
                     RETURNING j.id, j.pending_dependencies
                        """)
                .param("up", upstreamJobId)
                .param("now", Timestamps.of(clock.instant()))
                .query((rs, n) -> rs.getInt("pending_dependencies") == 0 ? rs.getObject("id", UUID.class) : null)
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** RUNNING to a finished state; empty when the manifest was already finished. */
    public Optional<Manifest> finish(UUID id, ManifestState state) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("Not a finished state: " + state);
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE conveyor.manifest SET state = :state, finished_at = :now, updated_at = :now,
                               version = version + 1
                         WHERE id = :id AND state = 'RUNNING'
                     RETURNING *
                        """)
                .param("id", id)
                .param("state", state.name())
                .param("now", Timestamps.of(now))
                .query(this::map)
                .optional();
    }

    /** A finished manifest runs again (some of its jobs were retried). */
    public Optional<Manifest> reopen(UUID id) {
        return jdbc.sql("""
                        UPDATE conveyor.manifest SET state = 'RUNNING', finished_at = NULL, updated_at = :now,
                               version = version + 1
                         WHERE id = :id AND state <> 'RUNNING'
                     RETURNING *
                        """)
                .param("id", id)
                .param("now", Timestamps.of(clock.instant()))
                .query(this::map)
                .optional();
    }

    private Manifest map(ResultSet rs, int row) throws SQLException {
        return new Manifest(
                rs.getObject("id", UUID.class),
                rs.getString("tenant"),
                rs.getString("name"),
                json.readLabels(rs.getString("labels")),
                ManifestState.valueOf(rs.getString("state")),
                rs.getString("idempotency_key"),
                rs.getString("request_hash"),
                JobRowMapper.instant(rs, "created_at"),
                JobRowMapper.instant(rs, "updated_at"),
                JobRowMapper.instant(rs, "finished_at"),
                rs.getLong("version"));
    }
}
