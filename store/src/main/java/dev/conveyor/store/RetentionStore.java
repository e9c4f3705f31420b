package dev.conveyor.store;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes what the retention period no longer keeps: finished jobs with their history (deleted by the same
 * statement) and dependency edges ({@code ON DELETE CASCADE}), then finished manifests none of whose jobs remain.
 * Each call deletes one bounded batch in its own statement, locking with {@code FOR UPDATE SKIP LOCKED} so it
 * never waits for (or blocks) a replica or a request that holds a row, and a long backlog is worked off in short
 * transactions.
 */
public class RetentionStore {

    /*
     * A job of a manifest goes only once its whole manifest finished before the cutoff: deleting one job of a
     * manifest that is still running would delete edges the manifest's decisions read. Standalone jobs go on their
     * own finished_at. The partial index job_finished (V3) serves the inner SELECT.
     */
    private static final String DELETE_JOBS = """
            WITH doomed AS (
                SELECT j.id FROM conveyor.job j
                 WHERE j.state IN (%s) AND j.finished_at < :cutoff
                   AND (j.manifest_id IS NULL
                        OR EXISTS (SELECT 1 FROM conveyor.manifest m
                                    WHERE m.id = j.manifest_id AND m.state <> 'RUNNING' AND m.finished_at < :cutoff))
                 ORDER BY j.finished_at
                 LIMIT :limit
                   FOR UPDATE OF j SKIP LOCKED
            ), history AS (
                DELETE FROM conveyor.job_event WHERE job_id IN (SELECT id FROM doomed)
            )
            DELETE FROM conveyor.job WHERE id IN (SELECT id FROM doomed)
            """.formatted(JobStateLists.TERMINAL);

    private static final String DELETE_MANIFESTS = """
            DELETE FROM conveyor.manifest WHERE id IN (
                SELECT m.id FROM conveyor.manifest m
                 WHERE m.state <> 'RUNNING' AND m.finished_at < :cutoff
                   AND NOT EXISTS (SELECT 1 FROM conveyor.job j WHERE j.manifest_id = m.id)
                 ORDER BY m.finished_at
                 LIMIT :limit
                   FOR UPDATE OF m SKIP LOCKED)
            """;

    private final JdbcClient jdbc;

    public RetentionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes up to {@code limit} jobs finished before {@code cutoff}; returns how many went. */
    public int deleteFinishedJobs(Instant cutoff, int limit) {
        return jdbc.sql(DELETE_JOBS).param("cutoff", Timestamps.of(cutoff)).param("limit", limit).update();
    }

    /** Deletes up to {@code limit} schedule firings of ticks before {@code cutoff}; their jobs go on their own. */
    public int deleteScheduleFirings(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM conveyor.schedule_firing WHERE id IN (
                            SELECT id FROM conveyor.schedule_firing WHERE fire_time < :cutoff LIMIT :limit)
                        """)
                .param("cutoff", Timestamps.of(cutoff)).param("limit", limit).update();
    }

    /** Deletes up to {@code limit} webhook events delivered or given up on before {@code cutoff}. */
    public int deleteFinishedWebhookDeliveries(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM conveyor.webhook_delivery WHERE id IN (
                            SELECT id FROM conveyor.webhook_delivery
                             WHERE state <> 'PENDING' AND finished_at < :cutoff
                             ORDER BY finished_at
                             LIMIT :limit)
                        """)
                .param("cutoff", Timestamps.of(cutoff)).param("limit", limit).update();
    }

    /** Deletes up to {@code limit} manifests finished before {@code cutoff} that no job refers to any more. */
    public int deleteFinishedManifests(Instant cutoff, int limit) {
        return jdbc.sql(DELETE_MANIFESTS).param("cutoff", Timestamps.of(cutoff)).param("limit", limit).update();
    }
}
