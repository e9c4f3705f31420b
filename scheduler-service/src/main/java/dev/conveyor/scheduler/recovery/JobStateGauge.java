package dev.conveyor.scheduler.recovery;

import dev.conveyor.common.job.JobState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code conveyor.jobs.state}: jobs per state. A scrape reads the last count; the sweep loop refreshes it
 * now and then, because counting scans the job table and scrapes come from every replica.
 */
public class JobStateGauge {

    private final JdbcClient jdbc;
    private final Map<JobState, AtomicLong> counts = new EnumMap<>(JobState.class);

    public JobStateGauge(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        for (JobState state : JobState.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(state, count);
            Gauge.builder("conveyor.jobs.state", count, AtomicLong::get)
                    .description("Jobs per state, as of the last refresh")
                    .tag("state", state.name())
                    .register(meters);
        }
    }

    public void refresh() {
        Map<JobState, Long> fresh = new EnumMap<>(JobState.class);
        jdbc.sql("SELECT state, count(*) AS jobs FROM conveyor.job GROUP BY state")
                .query(rs -> {
                    fresh.put(JobState.valueOf(rs.getString("state")), rs.getLong("jobs"));
                });
        counts.forEach((state, count) -> count.set(fresh.getOrDefault(state, 0L)));
    }

    long count(JobState state) {
        return counts.get(state).get();
    }
}
