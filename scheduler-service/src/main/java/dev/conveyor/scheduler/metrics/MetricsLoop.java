package dev.conveyor.scheduler.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Refreshes the {@link JobStateGauges} and the {@link TopicLag} with a fixed delay on a thread of its own, so a
 * slow Kafka admin call never holds up a sweep. Off where the sweep loop is off (tests refresh on demand).
 */
public class MetricsLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MetricsLoop.class);

    private final JobStateGauges states;
    private final TopicLag lag;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public MetricsLoop(JobStateGauges states, TopicLag lag, Duration interval) {
        this.states = states;
        this.lag = lag;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("conveyor-metrics").daemon()
                .factory());
        executor.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void tick() {
        // an exception would cancel the schedule: a failed refresh keeps the last values and is tried again
        try {
            states.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the job state gauges; retrying in {}: {}", interval, e.toString());
        }
        try {
            lag.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the topic lag; retrying in {}: {}", interval, e.toString());
        }
    }
}
