package dev.conveyor.store;

import static dev.conveyor.store.ConveyorAssertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.common.job.IllegalTransitionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static dev.conveyor.store.ConveyorAssertions.assertThatThrownBy;

class JobStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static JobStore store;
    private static JobMoves moves;
    private static TestJobs testJobs;

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        JsonColumns json = new JsonColumns(JsonMapper.builder().build());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new JobStore(JdbcClient.create(dataSource), json, clock);
        moves = new JobMoves(JdbcClient.create(dataSource), json, clock);
        testJobs = new TestJobs(JdbcClient.create(dataSource), json, clock);
    }

    @Test
    void stores_a_job_with_its_first_history_entry() {
        Job job = store.insert(NewJob.of("sql", Map.of("sql", "select 1")).withLabels(Map.of("team", "data")));

        assertThat(job.state()).isEqualTo(JobState.SUBMITTED);
        assertThat(job.params()).containsEntry("sql", "select 1");
        assertThat(job.labels()).containsEntry("team", "data");
        assertThat(job.createdAt()).isEqualTo(NOW);
        assertThat(testJobs.history(job.id())).singleElement()
                .satisfies(event -> {
                    assertThat(event.from()).isNull();
                    assertThat(event.to()).isEqualTo(JobState.SUBMITTED);
                });
    }

    @Test
    void runs_a_job_through_its_life_and_records_every_move() {
        Job job = store.insert(NewJob.of("noop", Map.of()));

        assertThat(moves.queue(job.id(), JobState.SUBMITTED)).isPresent();
        Job running = moves.claim(job.id(), "worker-1", Duration.ofSeconds(30)).orElseThrow();
        assertThat(running.attempt()).isEqualTo(1);
        assertThat(running.leaseOwner()).isEqualTo("worker-1");
        assertThat(running.leaseUntil()).isEqualTo(NOW.plusSeconds(30));
        Job done = moves.succeed(job.id(), "worker-1", 1, Map.of("rows", 2)).orElseThrow();

        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.result()).containsEntry("rows", 2);
        assertThat(done.leaseOwner()).isNull();
        assertThat(testJobs.stored(job))
                .hasHistory(JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
    }

    @Test
    void losing_a_race_is_an_empty_result_not_an_error() {
        Job job = testJobs.aQueuedJob().insert();

        assertThat(moves.queue(job.id(), JobState.SUBMITTED)).isEmpty();
        assertThat(moves.claim(job.id(), "a", Duration.ofSeconds(5))).isPresent();
        assertThat(moves.claim(job.id(), "b", Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void refuses_a_move_the_state_table_forbids() {
        Job job = testJobs.aSubmittedJob().insert();

        Executable forbidden = () -> store.cancel(job.id(), JobState.SUCCEEDED, "too late");

        assertThatThrownBy(forbidden::execute).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_draining_worker_hands_a_job_back_without_counting_the_attempt() {
        Job job = testJobs.aRunningJob().ofType("sleep").leasedBy("w").withLease(Duration.ofSeconds(5)).insert();

        Job back = store.handBack(job.id(), "w", 1).orElseThrow();

        assertThat(back.state()).isEqualTo(JobState.QUEUED);
        assertThat(back.attempt()).isZero();
        assertThat(back.leaseOwner()).isNull();
    }

    @Test
    void a_cancel_request_reaches_only_running_jobs() {
        Job job = testJobs.aSubmittedJob().ofType("sleep").insert();
        assertThat(store.requestCancel(job.id())).isFalse();
        testJobs.aRunningJob().leasedBy("w").withLease(Duration.ofSeconds(5)).advance(job.id());

        assertThat(store.requestCancel(job.id())).isTrue();
        assertThat(store.find(job.id()).orElseThrow().cancelRequested()).isTrue();
        Job cancelled = moves.cancelRunning(job.id(), "w", 1, "cancelled on request").orElseThrow();
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.cancelRequested()).isFalse();
    }

    @Test
    void a_failed_job_retried_gets_another_attempt() {
        Job job = testJobs.aFailedJob().ofType("sql").withMaxAttempts(1).leasedBy("w").withError("boom")
                .withLease(Duration.ofSeconds(5)).insert();

        Job retried = store.retry(job.id(), JobState.FAILED, JobState.SUBMITTED).orElseThrow();

        assertThat(retried.state()).isEqualTo(JobState.SUBMITTED);
        assertThat(retried.maxAttempts()).isEqualTo(2);
        assertThat(retried.error()).isNull();
        assertThat(retried.finishedAt()).isNull();
    }
}
