package dev.conveyor.scheduler.recovery;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.JobStateCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code conveyor.jobs.state}: jobs per state. A scrape reads the last count; the sweep loop refreshes it
 * now and then, because counting scans the job table and scrapes come from every replica.
 */
public class JobStateGauge {

    private final JobStateCounts store;
    private final Map<JobState, AtomicLong> counts = new EnumMap<>(JobState.class);

    public JobStateGauge(JobStateCounts store, MeterRegistry meters) {
        this.store = store;
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
        Map<JobState, Long> fresh = store.count();
        counts.forEach((state, count) -> count.set(fresh.getOrDefault(state, 0L)));
    }

    long count(JobState state) {
        return counts.get(state).get();
    }
}
