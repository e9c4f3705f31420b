package dev.conveyor.scheduler.manifest;

import dev.conveyor.store.JsonColumns;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stores the params of a manifest job with its result references substituted, just before it is
 * released, so the row (and GET /jobs/{id}) shows what actually runs and every later dispatch of the job
 * (the due sweep, a lease requeue) sends the same params. Guarded by state and version: the update only
 * lands on the WAITING row the caller read under the manifest lock.
 */
public class ResolvedParams {

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Clock clock;

    public ResolvedParams(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** False when the job is no longer WAITING at {@code version}: another instance moved it first. */
    public boolean store(UUID jobId, long version, Map<String, Object> params) {
        return jdbc.sql("""
                        UPDATE conveyor.job SET params = CAST(:params AS jsonb), version = version + 1, updated_at = :now
                         WHERE id = :id AND state = 'WAITING' AND version = :version
                        """)
                .param("id", jobId)
                .param("version", version)
                .param("params", json.write(params))
                .param("now", Timestamp.from(clock.instant()))
                .update() == 1;
    }
}
