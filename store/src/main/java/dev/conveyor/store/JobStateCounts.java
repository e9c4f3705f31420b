package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many jobs wait or run, by state and type, since when the oldest due one waits, and how many run past their
 * timeout. Only the states with a
 * partial index are read (SUBMITTED, SCHEDULED, QUEUED, RUNNING), one index range each, so the cost follows the
 * backlog, not the table: finished jobs are never scanned (their numbers are counters), nor WAITING ones (they wait
 * for a dependency, not for Conveyor).
 */
public class JobStateCounts {

    /** States this class counts. */
    public static final List<JobState> COUNTED =
            List.of(JobState.SUBMITTED, JobState.SCHEDULED, JobState.QUEUED, JobState.RUNNING);

    /**
     * @param oldestDue when the longest-waiting due job of this state and type became due (SUBMITTED: stored;
     *        SCHEDULED: its not-before passed), or null when none is due or the state is not one a job waits in
     *        to be dispatched
     * @param overdue RUNNING jobs started longer ago than their timeout (their worker should have stopped them);
     *        0 for the other states
     */
    public record Count(JobState state, String type, long jobs, Instant oldestDue, long overdue) {
    }

    private final JdbcClient jdbc;

    public JobStateCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row per state and type with at least one job; absent means zero. */
    public List<Count> count(Instant now) {
        List<Count> counts = new ArrayList<>();
        // a UNION of one branch per state: each branch's WHERE matches a partial index exactly, which an IN list would not
        jdbc.sql("""
                SELECT 'SUBMITTED' AS state, type, count(*) AS jobs, min(created_at) AS oldest_due, 0 AS overdue
                  FROM conveyor.job WHERE state = 'SUBMITTED' GROUP BY type
                UNION ALL
                SELECT 'SCHEDULED', type, count(*), min(not_before) FILTER (WHERE not_before <= :now), 0
                  FROM conveyor.job WHERE state = 'SCHEDULED' GROUP BY type
                UNION ALL
                SELECT 'QUEUED', type, count(*), NULL, 0 FROM conveyor.job WHERE state = 'QUEUED' GROUP BY type
                UNION ALL
                SELECT 'RUNNING', type, count(*), NULL,
                       count(*) FILTER (WHERE started_at + timeout_ms * interval '1 millisecond' < :now)
                  FROM conveyor.job WHERE state = 'RUNNING' GROUP BY type
                """)
                .param("now", Timestamps.of(now))
                .query(rs -> {
                    Timestamp oldestDue = rs.getTimestamp("oldest_due");
                    counts.add(new Count(JobState.valueOf(rs.getString("state")), rs.getString("type"),
                            rs.getLong("jobs"), oldestDue == null ? null : oldestDue.toInstant(), rs.getLong("overdue")));
                });
        return counts;
    }

    /** Manifests not finished yet; manifests are few next to jobs, so an index scan of their states is cheap. */
    public long runningManifests() {
        return jdbc.sql("SELECT count(*) FROM conveyor.manifest WHERE state = 'RUNNING'").query(Long.class).single();
    }
}
