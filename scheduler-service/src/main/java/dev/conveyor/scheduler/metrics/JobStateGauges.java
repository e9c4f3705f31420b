package dev.conveyor.scheduler.metrics;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.JobStateCounts;
import dev.conveyor.store.JobType;
import dev.conveyor.store.JobTypeStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code conveyor.jobs.state{state,type}}: jobs waiting or running, and {@code conveyor.dispatch.lag{type}}: how
 * long the oldest due job of a type has waited to be dispatched (0 when none waits), {@code conveyor.jobs.overdue{type}}
 * (RUNNING past the timeout) and {@code conveyor.manifests.running}. Refreshed from one query
 * ({@link JobStateCounts}) now and then, never per scrape. Every scheduler replica reads the same rows and so
 * exports the same values: dashboards and alerts take {@code max} over replicas, never {@code sum}.
 */
public class JobStateGauges {

    private record Key(JobState state, String type) {
    }

    private final JobStateCounts store;
    private final JobTypeStore types;
    private final Consumer<String> onKnownType;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Key, AtomicLong> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lagMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> overdue = new ConcurrentHashMap<>();
    private final AtomicLong runningManifests = new AtomicLong();

    /** @param onKnownType told of every job type seen, so other meters of the type can start at zero */
    public JobStateGauges(JobStateCounts store, JobTypeStore types, Consumer<String> onKnownType, MeterRegistry meters,
            Clock clock) {
        this.store = store;
        this.types = types;
        this.onKnownType = onKnownType;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("conveyor.manifests.running", runningManifests, AtomicLong::get)
                .description("Manifests not finished, as of the last refresh; same on every replica")
                .register(meters);
    }

    public void refresh() {
        Instant now = clock.instant();
        types.findAll().stream().map(JobType::type).forEach(this::known);
        Map<Key, Long> fresh = new HashMap<>();
        Map<String, Instant> oldestDue = new HashMap<>();
        Map<String, Long> freshOverdue = new HashMap<>();
        for (JobStateCounts.Count count : store.count(now)) {
            known(count.type());
            fresh.put(new Key(count.state(), count.type()), count.jobs());
            freshOverdue.merge(count.type(), count.overdue(), Long::sum);
            if (count.oldestDue() != null) {
                oldestDue.merge(count.type(), count.oldestDue(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        jobs.forEach((key, value) -> value.set(fresh.getOrDefault(key, 0L)));
        lagMillis.forEach((type, value) -> value.set(oldestDue.containsKey(type)
                ? Math.max(0, Duration.between(oldestDue.get(type), now).toMillis()) : 0));
        overdue.forEach((type, value) -> value.set(freshOverdue.getOrDefault(type, 0L)));
        runningManifests.set(store.runningManifests());
    }

    private void known(String type) {
        if (lagMillis.containsKey(type)) {
            return;
        }
        for (JobState state : JobStateCounts.COUNTED) {
            AtomicLong value = new AtomicLong();
            jobs.put(new Key(state, type), value);
            Gauge.builder("conveyor.jobs.state", value, AtomicLong::get)
                    .description("Jobs in a state that is not final, as of the last refresh; same on every replica")
                    .tags("state", state.name(), "type", type)
                    .register(meters);
        }
        AtomicLong lag = new AtomicLong();
        Gauge.builder("conveyor.dispatch.lag", lag, millis -> millis.get() / 1000.0)
                .description("Age of the oldest due job not yet dispatched, as of the last refresh")
                .baseUnit("seconds")
                .tag("type", type)
                .register(meters);
        lagMillis.put(type, lag);
        AtomicLong late = new AtomicLong();
        Gauge.builder("conveyor.jobs.overdue", late, AtomicLong::get)
                .description("RUNNING jobs started longer ago than their timeout, as of the last refresh")
                .tag("type", type)
                .register(meters);
        overdue.put(type, late);
        onKnownType.accept(type);
    }
}
