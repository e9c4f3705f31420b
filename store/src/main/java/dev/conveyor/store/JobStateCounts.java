package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How many jobs are in each state. Counting scans the job table: call it now and then, not per scrape. */
public class JobStateCounts {

    private final JdbcClient jdbc;

    public JobStateCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Jobs per state; a state no job is in is absent. */
    public Map<JobState, Long> count() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        jdbc.sql("SELECT state, count(*) AS jobs FROM conveyor.job GROUP BY state")
                .query(rs -> {
                    counts.put(JobState.valueOf(rs.getString("state")), rs.getLong("jobs"));
                });
        return counts;
    }
}
