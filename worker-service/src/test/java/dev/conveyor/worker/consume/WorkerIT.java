package dev.conveyor.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobEventRecord;
import dev.conveyor.store.JobType;
import dev.conveyor.store.JobTypeStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A worker running dispatched jobs end to end: claims, outcomes, events, dead letters, follow-ups. */
class WorkerIT extends WorkerIntegrationTest {

    @Autowired
    JobTypeStore types;
    @Autowired
    Warehouse warehouse;

    @Test
    void registers_its_job_types_at_start_up() {
        assertThat(types.findAll()).extracting(JobType::type).contains("noop", "sleep", "sql", "load", "check", "export", "flaky", "recurse");
        assertThat(types.find("sql")).get().satisfies(type -> assertThat(type.paramsSchema()).contains("2020-12"));
    }

    @Test
    void runs_a_dispatched_job_to_success_and_announces_only_the_outcome() {
        Job job = queued(NewJob.of("noop", Map.of()));

        kafka.dispatch(job);

        Job done = awaitState(job.id(), JobState.SUCCEEDED);
        assertThat(done.result()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.eventsOf(job.id()))
                .extracting(JobLifecycleEvent::getClass)
                .containsExactly(JobSucceeded.class));
    }

    @Test
    void claims_a_job_delivered_twice_once() {
        Warehouses.sql(warehouse).execute("CREATE TABLE IF NOT EXISTS load_log (job_id VARCHAR PRIMARY KEY, n INTEGER)");
        Job job = queued(NewJob.of("sql", Map.of(
                "sql", "INSERT INTO load_log (job_id, n) VALUES (:jobId, :n)",
                "parameters", Map.of("n", 42))));

        kafka.dispatch(job);
        kafka.dispatch(job);

        Job done = awaitState(job.id(), JobState.SUCCEEDED);
        assertThat(done.result()).containsEntry("rowsAffected", 1);
        // the second delivery is consumed and skipped, not claimed
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(testJobs.history(job.id())).extracting(JobEventRecord::to)
                        .containsExactly(JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED));
        assertThat(Warehouses.sql(warehouse).queryForObject(
                "SELECT count(*) FROM load_log WHERE job_id = ?", Long.class, job.id().toString())).isEqualTo(1);
    }

    @Test
    void a_failure_on_the_last_attempt_fails_the_job_with_a_concise_error() {
        Job job = queued(NewJob.of("sql", Map.of("sql", "SELECT * FROM no_such_table")).withMaxAttempts(1));

        kafka.dispatch(job);

        Job failed = awaitState(job.id(), JobState.FAILED);
        assertThat(failed.error()).containsIgnoringCase("no_such_table").doesNotContain("\n").doesNotContain("\tat ");
        assertThat(failed.error().length()).isLessThan(300);
    }

    @Test
    void a_job_failing_for_good_is_dead_lettered_with_its_error_and_without_its_params() {
        Job job = queued(NewJob.of("sql", Map.of("sql", "SELEC 1")).withMaxAttempts(3));

        kafka.dispatch(job);

        // a DuckDB parser error fails for good on the first attempt, though attempts are left
        Job failed = awaitState(job.id(), JobState.FAILED);
        assertThat(failed.attempt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.deadLettersOf(job.id()))
                .singleElement().satisfies(letter -> {
                    assertThat(letter.error()).isEqualTo(failed.error()).contains("Parser Error");
                    assertThat(letter.attempt()).isEqualTo(1);
                    assertThat(letter.type()).isEqualTo("sql");
                }));
    }

    @Test
    void a_failed_check_keeps_its_verdicts_on_the_job() {
        Warehouses.sql(warehouse).execute("CREATE OR REPLACE TABLE checked (id INTEGER)");
        Warehouses.sql(warehouse).execute("INSERT INTO checked VALUES (1), (1), (NULL)");
        Job job = queued(NewJob.of("check", Map.of("table", "checked", "assertions", List.of(
                Map.of("type", "unique", "columns", List.of("id")),
                Map.of("type", "row_count", "min", 1)))));

        kafka.dispatch(job);

        Job failed = awaitState(job.id(), JobState.FAILED);
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.error()).isEqualTo("1 of 2 assertions failed: unique id (2 rows)");
        assertThat(failed.result()).containsEntry("passed", false).containsKey("assertions");
    }

    @Test
    void a_retryable_failure_with_attempts_left_is_scheduled_for_later() {
        Job job = queued(NewJob.of("flaky", Map.of()).withMaxAttempts(3));

        kafka.dispatch(job);

        Job scheduled = awaitState(job.id(), JobState.SCHEDULED);
        assertThat(scheduled.error()).isEqualTo("IllegalStateException: upstream busy");
        assertThat(scheduled.attempt()).isEqualTo(1);
        // conveyor.worker.retry.initial-backoff=1m, jittered down by at most half
        assertThat(scheduled.notBefore()).isAfter(clock.instant().plusSeconds(20));
    }

    @Test
    void follow_up_jobs_nest_until_the_depth_limit_then_the_submitter_fails_clearly() {
        // GIVEN conveyor.max-depth=3 and a handler that submits a follow-up of itself; the test plays the scheduler
        Job current = queued(NewJob.of("recurse", Map.of()).withTenant("acme"));
        for (int depth = 0; depth < 3; depth++) {
            kafka.dispatch(current);
            Job done = awaitState(current.id(), JobState.SUCCEEDED);
            UUID childId = UUID.fromString((String) done.result().get("child"));
            Job child = jobs.find(childId).orElseThrow();
            assertThat(child.parentId()).isEqualTo(current.id());
            assertThat(child.depth()).isEqualTo(depth + 1);
            assertThat(child.tenant()).isEqualTo("acme");
            assertThat(child.state()).isEqualTo(JobState.SUBMITTED);
            await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.submissionsOf(childId).isEmpty());
            current = moves.queue(childId, JobState.SUBMITTED).orElseThrow();
        }

        // WHEN the job at depth 3 tries to submit a fourth level
        kafka.dispatch(current);

        // THEN it fails for good with the limit in its error
        Job failed = awaitState(current.id(), JobState.FAILED);
        assertThat(failed.error()).isEqualTo("recursion limit: depth 4 exceeds conveyor.max-depth=3");
        assertThat(failed.attempt()).isEqualTo(1);
    }

    @Test
    void skips_a_record_it_cannot_read() {
        kafka.sendRaw("conveyor.jobs.noop", "garbage", "{not json");
        Job job = queued(NewJob.of("noop", Map.of()));

        kafka.dispatch(job);

        awaitState(job.id(), JobState.SUCCEEDED);
    }
}
