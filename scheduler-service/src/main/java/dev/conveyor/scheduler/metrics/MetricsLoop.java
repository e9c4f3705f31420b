package dev.conveyor.scheduler.metrics;

import dev.conveyor.scheduler.system.FixedDelayLoop;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the {@link JobStateGauges} and the {@link TopicLag} with a fixed delay on a thread of its own, so a
 * slow Kafka admin call never holds up a sweep. Off where the sweep loop is off (tests refresh on demand).
 */
public class MetricsLoop extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(MetricsLoop.class);

    private final JobStateGauges states;
    private final TopicLag lag;

    public MetricsLoop(JobStateGauges states, TopicLag lag, Duration interval) {
        super("conveyor-metrics", Duration.ZERO, interval);
        this.states = states;
        this.lag = lag;
    }

    @Override
    protected void tick() {
        // an exception would cancel the schedule: a failed refresh keeps the last values and is tried again
        try {
            states.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the job state gauges; retrying in {}: {}", interval(), e.toString());
        }
        try {
            lag.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the topic lag; retrying in {}: {}", interval(), e.toString());
        }
    }
}
