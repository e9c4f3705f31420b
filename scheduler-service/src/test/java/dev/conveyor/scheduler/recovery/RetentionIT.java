package dev.conveyor.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.TestJobs;
import dev.conveyor.common.job.JobState;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.RetentionStore;
import dev.conveyor.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RetentionIT extends SchedulerIntegrationTest {

    private static final Duration KEEP = Duration.ofDays(7);

    @Autowired
    JobStore jobs;
    @Autowired
    TestJobs testJobs;

    @Autowired
    RetentionStore store;

    @Autowired
    MutableClock clock;

    @Test
    void deletes_finished_jobs_and_their_history_once_older_than_the_retention_period_in_batches() {
        // GIVEN five jobs that succeeded now, and one still waiting to run
        List<UUID> finished = IntStream.range(0, 5).mapToObj(i -> succeededJob().id()).toList();
        Job pending = testJobs.aScheduledJob().withParams(Map.of("pending", true))
                .dueAt(clock.instant().plus(Duration.ofDays(30))).insert();
        // retention runs on a clock of its own, so the other tests' clock stays where it is
        MutableClock later = new MutableClock(clock.instant());
        RetentionSweeper retention = new RetentionSweeper(store, later, KEEP, 2);

        // WHEN just under the retention period has passed, THEN nothing of ours is deleted
        later.advance(KEEP.minusMinutes(1));
        retention.sweepOnce();
        finished.forEach(id -> assertThat(jobs.find(id)).isPresent());

        // WHEN the period has passed, THEN the finished jobs go with their history, in batches of two
        later.advance(Duration.ofMinutes(2));
        RetentionSweeper.Deleted deleted = retention.sweepOnce();
        assertThat(deleted.jobs()).isGreaterThanOrEqualTo(5);
        finished.forEach(id -> {
            assertThat(jobs.find(id)).isEmpty();
            assertThat(testJobs.history(id)).isEmpty();
        });

        // AND a job that has not finished stays, however old
        assertThat(jobs.find(pending.id())).isPresent();
        jobs.cancel(pending.id(), JobState.SCHEDULED, "test clean-up");
    }

    @Test
    void a_retention_of_zero_deletes_nothing() {
        UUID id = succeededJob().id();
        MutableClock muchLater = new MutableClock(clock.instant().plus(Duration.ofDays(365)));

        RetentionSweeper.Deleted deleted = new RetentionSweeper(store, muchLater, Duration.ZERO, 10).sweepOnce();

        assertThat(deleted).isEqualTo(new RetentionSweeper.Deleted(0, 0));
        assertThat(jobs.find(id)).isPresent();
    }

    private Job succeededJob() {
        return testJobs.aSucceededJob().leasedBy("worker-r").withLease(Duration.ofSeconds(30))
                .withResult(Map.of("ok", true)).insert();
    }
}
