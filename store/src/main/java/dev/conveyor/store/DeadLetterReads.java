package dev.conveyor.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads dead letters straight from {@code conveyor.job}: a job in state FAILED is one, and the row is
 * the truth (the {@code conveyor.jobs.dead-letter} topic is a feed for other systems and may lose or
 * repeat messages). Keyset pagination on (finished_at, id), newest failure first, served by the
 * partial index {@code job_failed} on (tenant, finished_at DESC) WHERE state = 'FAILED'; the filters
 * are appended only when given so the planner sees plain range conditions on that index.
 */
public class DeadLetterReads {

    private final JdbcClient jdbc;

    public DeadLetterReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} failed jobs of {@code tenant} after {@code after} (null: from the newest failure).
     *
     * @param type only jobs of this type, or null
     * @param since failures at or after this instant, or null
     * @param until failures before this instant, or null
     */
    public List<FailedJob> list(String tenant, String type, Instant since, Instant until, Keyset after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, type, attempt, error, finished_at, manifest_id, params FROM conveyor.job
                 WHERE tenant = :tenant AND state = 'FAILED'""");
        if (type != null) {
            sql.append(" AND type = :type");
        }
        if (since != null) {
            sql.append(" AND finished_at >= :since");
        }
        if (until != null) {
            sql.append(" AND finished_at < :until");
        }
        if (after != null) {
            sql.append(" AND (finished_at, id) < (:afterAt, :afterId)");
        }
        sql.append(" ORDER BY finished_at DESC, id DESC LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("tenant", tenant).param("limit", limit);
        if (type != null) {
            statement = statement.param("type", type);
        }
        if (since != null) {
            statement = statement.param("since", Timestamps.of(since));
        }
        if (until != null) {
            statement = statement.param("until", Timestamps.of(until));
        }
        if (after != null) {
            statement = statement.param("afterAt", Timestamps.of(after.at())).param("afterId", after.id());
        }
        return statement.query((rs, row) -> new FailedJob(
                        rs.getObject("id", UUID.class),
                        rs.getString("type"),
                        rs.getInt("attempt"),
                        rs.getString("error"),
                        JobRowMapper.instant(rs, "finished_at"),
                        rs.getObject("manifest_id", UUID.class),
                        rs.getString("params")))
                .list();
    }
}
