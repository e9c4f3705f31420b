package dev.conveyor.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.event.JobCancelled;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobEventRecord;
import dev.conveyor.store.NewJob;
import dev.conveyor.worker.execution.AttemptTimeouts;
import dev.conveyor.worker.execution.ExecutionSlots;
import dev.conveyor.worker.execution.Heartbeats;
import dev.conveyor.worker.execution.JobExecutor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Running attempts stopped from outside: a timeout, a cancel request, a lost lease. The heartbeat and the timeout
 * check run when the test calls them, with the clock the test moves, so nothing here waits for wall time.
 */
class AttemptControlIT extends WorkerIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    JobExecutor executor;
    @Autowired
    ExecutionSlots slots;
    @Autowired
    Heartbeats heartbeats;
    @Autowired
    AttemptTimeouts timeouts;

    @Test
    void a_job_past_its_timeout_is_stopped_and_counts_as_a_failed_attempt() {
        // GIVEN a job with a ten-minute timeout running
        Job job = queued(NewJob.of("sleep", Map.of("seconds", 3600)).withTimeout(Duration.ofMinutes(10))
                .withMaxAttempts(1));
        kafka.dispatch(job);
        awaitState(job.id(), JobState.RUNNING);
        assertThat(timeouts.stopOverdue()).isZero();

        // WHEN the clock passes its deadline and the timeouts are checked (the row says RUNNING a moment before
        // the attempt's thread starts watching its deadline, so the clock moves on until the check sees it)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            clock.advance(Duration.ofMinutes(11));
            timeouts.stopOverdue();
            return jobs.find(job.id()).orElseThrow().state() == JobState.FAILED;
        });

        // THEN it is stopped and fails (its only attempt)
        assertThat(awaitState(job.id(), JobState.FAILED).error()).isEqualTo("timed out after PT10M");
    }

    @Test
    void a_cancel_request_seen_by_the_heartbeat_cancels_the_running_job_and_frees_its_slot() {
        // GIVEN an hour-long job running
        Job job = queued(NewJob.of("sleep", Map.of("seconds", 3600)));
        kafka.dispatch(job);
        awaitState(job.id(), JobState.RUNNING);

        // WHEN someone asks to cancel it and a heartbeat sees the request (beating until the attempt, which the
        // row shows RUNNING a moment before its thread starts, is among the worker's running ones)
        assertThat(jobs.requestCancel(job.id())).isTrue();

        // THEN it is CANCELLED and its slot is free as soon as the handler stopped
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                beat() && jobs.find(job.id()).orElseThrow().state() == JobState.CANCELLED
                        && executor.running().stream().noneMatch(running -> running.jobId().equals(job.id()))
                        && slots.free() == slots.capacity());
        assertThat(testJobs.history(job.id())).extracting(JobEventRecord::to).last().isEqualTo(JobState.CANCELLED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.eventsOf(job.id()))
                .extracting(JobLifecycleEvent::getClass)
                .containsExactly(JobCancelled.class));
    }

    @Test
    void an_attempt_whose_lease_was_taken_stops_and_records_nothing() {
        Job job = queued(NewJob.of("sleep", Map.of("seconds", 3600)));
        kafka.dispatch(job);
        awaitState(job.id(), JobState.RUNNING);

        await().atMost(Duration.ofSeconds(10)).until(() -> executor.running().stream()
                .anyMatch(running -> running.jobId().equals(job.id())));

        // another worker took the job over after this one's lease had expired; the next heartbeat finds out
        jdbc.sql("UPDATE conveyor.job SET lease_owner = 'other-worker' WHERE id = :id").param("id", job.id()).update();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> beat()
                && executor.running().stream().noneMatch(running -> running.jobId().equals(job.id())));
        Job after = jobs.find(job.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(JobState.RUNNING);
        assertThat(after.leaseOwner()).isEqualTo("other-worker");
    }

    /** One heartbeat, as the worker's loop would run it; true so it can lead a condition. */
    private boolean beat() {
        heartbeats.beat();
        return true;
    }
}
