package dev.conveyor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job history read as a feed of state changes, for live views: every row of {@code conveyor.job_event} after a
 * given id, with the job's tenant, type and manifest so a reader can route each change without another query.
 * One reader serves every subscriber of a service, so the cost does not grow with the number of open views.
 */
public class JobChangeFeed {

    /** One state change: event {@code id} moved job {@code jobId} to {@code state} at {@code at}. */
    public record JobChange(long id, UUID jobId, String tenant, String type, UUID manifestId, String state,
            Instant at) {
    }

    private final JdbcClient jdbc;

    public JobChangeFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest event's id, or 0 when there is none: a new reader starts after it. */
    public long lastId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM conveyor.job_event").query(Long.class).single();
    }

    /**
     * Up to {@code limit} changes after event {@code afterId}, oldest first. Ids come from a sequence and are
     * assigned before commit, so a transaction that commits late can leave a smaller id behind a larger one the
     * reader has passed: a reader keeps the ids it skipped and asks for them again with {@link #byIds}.
     */
    public List<JobChange> after(long afterId, int limit) {
        // the primary key's range scan, then one job row per event by its primary key
        return jdbc.sql("""
                SELECT e.id, e.job_id, j.tenant, j.type, j.manifest_id, e.to_state, e.at
                  FROM conveyor.job_event e
                  JOIN conveyor.job j ON j.id = e.job_id
                 WHERE e.id > :after
                 ORDER BY e.id
                 LIMIT :limit
                """)
                .param("after", afterId)
                .param("limit", limit)
                .query(JobChangeFeed::change)
                .list();
    }

    /** The changes among {@code ids} that exist now, oldest first: ids skipped earlier whose transaction has since committed. */
    public List<JobChange> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT e.id, e.job_id, j.tenant, j.type, j.manifest_id, e.to_state, e.at
                  FROM conveyor.job_event e
                  JOIN conveyor.job j ON j.id = e.job_id
                 WHERE e.id = ANY(:ids)
                 ORDER BY e.id
                """)
                .param("ids", SqlArrays.of("bigint", ids.toArray(Long[]::new)))
                .query(JobChangeFeed::change)
                .list();
    }

    private static JobChange change(ResultSet rs, int row) throws SQLException {
        return new JobChange(rs.getLong("id"), rs.getObject("job_id", UUID.class), rs.getString("tenant"),
                rs.getString("type"), rs.getObject("manifest_id", UUID.class), rs.getString("to_state"),
                rs.getTimestamp("at").toInstant());
    }
}
