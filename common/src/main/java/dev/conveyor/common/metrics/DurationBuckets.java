package dev.conveyor.common.metrics;

import java.time.Duration;

/**
 * Histogram bucket boundaries for the time a job or manifest waits or runs: from 10 ms to 4 h, about three per
 * decade, so p50/p95/p99 of a 50 ms job and of a 1 h job are both meaningful. Every service's duration histograms
 * use this one list, so the dashboards can put them side by side; {@code docs/metrics.md} lists it.
 */
public final class DurationBuckets {

    public static final Duration[] BOUNDARIES = {
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
    };

    private DurationBuckets() {
    }
}
