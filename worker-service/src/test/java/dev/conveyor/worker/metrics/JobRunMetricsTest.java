package dev.conveyor.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JobRunMetricsTest {

    private static final Instant SUBMITTED = Instant.parse("2026-01-01T10:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JobRunMetrics metrics = new JobRunMetrics(meters, List.of("sql"));

    @Test
    void every_meter_of_a_carried_type_exists_at_zero_from_the_start() {
        assertThat(meters.get("conveyor.jobs.queue.wait").tag("type", "sql").timer().count()).isZero();
        assertThat(meters.get("conveyor.jobs.run.time").tag("type", "sql").timer().count()).isZero();
        assertThat(meters.get("conveyor.jobs.handed.back").tag("type", "sql").counter().count()).isZero();
        assertThat(meters.get("conveyor.jobs.lease.lost").tag("type", "sql").counter().count()).isZero();
    }

    @Test
    void queue_wait_runs_from_submission_to_start() {
        metrics.started(job(null, SUBMITTED.plusMillis(1500)), SUBMITTED.plusSeconds(9));

        assertThat(queueWait().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
    }

    @Test
    void queue_wait_of_a_delayed_or_retried_job_runs_from_when_it_became_due() {
        metrics.started(job(SUBMITTED.plusSeconds(60), SUBMITTED.plusSeconds(62)), SUBMITTED.plusSeconds(70));

        assertThat(queueWait().totalTime(TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void queue_wait_is_never_negative_when_clocks_disagree() {
        metrics.started(job(null, SUBMITTED.minusMillis(5)), SUBMITTED);

        assertThat(queueWait().count()).isEqualTo(1);
        assertThat(queueWait().totalTime(TimeUnit.NANOSECONDS)).isZero();
    }

    @Test
    void histograms_have_buckets_from_ten_milliseconds_to_hours() {
        metrics.ran("sql", Duration.ofMinutes(45));

        Timer runTime = meters.get("conveyor.jobs.run.time").tag("type", "sql").timer();
        assertThat(runTime.takeSnapshot().histogramCounts())
                .extracting(bucket -> bucket.bucket(TimeUnit.MILLISECONDS))
                .contains(10.0, 1_000.0, 3_600_000.0, 14_400_000.0);
    }

    private Timer queueWait() {
        return meters.get("conveyor.jobs.queue.wait").tag("type", "sql").timer();
    }

    private static Job job(Instant notBefore, Instant startedAt) {
        return new Job(UUID.randomUUID(), "default", "sql", Map.of(), Map.of(), JobState.RUNNING, 1, 3, null,
                notBefore, "w-1", startedAt.plusSeconds(30), false, null, null, null, null, null, null, null, 0, null,
                0, SUBMITTED, startedAt, startedAt, startedAt, null, 1, null);
    }
}
