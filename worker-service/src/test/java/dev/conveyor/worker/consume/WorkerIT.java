package dev.conveyor.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobStarted;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobEventRecord;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.JobType;
import dev.conveyor.store.JobTypeStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.testsupport.WithRealInfrastructure;
import dev.conveyor.worker.WorkerApplication;
import dev.conveyor.worker.execution.JobExecutor;
import dev.conveyor.worker.support.FlakyHandler;
import dev.conveyor.worker.support.KafkaTestClient;
import dev.conveyor.worker.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@WithRealInfrastructure
@SpringBootTest(properties = {
        "spring.config.name=" + WorkerApplication.CONFIG_NAME,
        "conveyor.worker.group=worker-it-${random.uuid}",
        "conveyor.worker.heartbeat-interval=1s",
        "conveyor.worker.retry.initial-backoff=1m"})
@Import(WorkerIT.ExtraHandlers.class)
class WorkerIT {

    private static final Path WAREHOUSE_DIR = temporaryDirectory();

    @TestConfiguration(proxyBeanMethods = false)
    static class ExtraHandlers {
        @Bean
        FlakyHandler flakyHandler() {
            return new FlakyHandler();
        }
    }

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        // a directory that does not exist yet: the worker creates it
        registry.add("conveyor.warehouse.url", () -> "jdbc:duckdb:" + WAREHOUSE_DIR.resolve("data/warehouse.duckdb"));
    }

    private static KafkaTestClient kafka;

    @Autowired
    JobStore jobs;
    @Autowired
    JobTypeStore types;
    @Autowired
    Warehouse warehouse;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JobExecutor executor;

    @BeforeAll
    static void connect(@Autowired Environment environment) {
        kafka = new KafkaTestClient(environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void registers_its_job_types_at_start_up() {
        assertThat(types.findAll()).extracting(JobType::type).contains("noop", "sleep", "sql", "flaky");
        assertThat(types.find("sql")).get().satisfies(type -> assertThat(type.paramsSchema()).contains("2020-12"));
    }

    @Test
    void runs_a_dispatched_job_to_success_and_announces_it() {
        Job job = queued(NewJob.of("noop", Map.of()));

        kafka.dispatch(job);

        Job done = awaitState(job.id(), JobState.SUCCEEDED);
        assertThat(done.result()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.eventsOf(job.id()))
                .extracting(JobLifecycleEvent::getClass)
                .containsExactly(JobStarted.class, JobSucceeded.class));
    }

    @Test
    void claims_a_job_delivered_twice_once() {
        warehouse.plainJdbc().execute("CREATE TABLE IF NOT EXISTS load_log (job_id VARCHAR PRIMARY KEY, n INTEGER)");
        Job job = queued(NewJob.of("sql", Map.of(
                "sql", "INSERT INTO load_log (job_id, n) VALUES (:jobId, :n)",
                "parameters", Map.of("n", 42))));

        kafka.dispatch(job);
        kafka.dispatch(job);

        Job done = awaitState(job.id(), JobState.SUCCEEDED);
        assertThat(done.result()).containsEntry("rowsAffected", 1);
        // the second delivery is consumed and skipped, not claimed
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jobs.history(job.id())).extracting(JobEventRecord::to)
                        .containsExactly(JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED));
        assertThat(warehouse.plainJdbc().queryForObject(
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
    void a_retryable_failure_with_attempts_left_is_scheduled_for_later() {
        Job job = queued(NewJob.of("flaky", Map.of()).withMaxAttempts(3));

        kafka.dispatch(job);

        Job scheduled = awaitState(job.id(), JobState.SCHEDULED);
        assertThat(scheduled.error()).isEqualTo("IllegalStateException: upstream busy");
        assertThat(scheduled.attempt()).isEqualTo(1);
        assertThat(scheduled.notBefore()).isAfter(Instant.now().plusSeconds(20));
    }

    @Test
    void a_job_past_its_timeout_is_stopped_and_counts_as_a_failed_attempt() {
        Job job = queued(NewJob.of("sleep", Map.of("seconds", 60)).withTimeout(Duration.ofMillis(500)).withMaxAttempts(1));

        kafka.dispatch(job);

        assertThat(awaitState(job.id(), JobState.FAILED).error()).isEqualTo("timed out after PT0.5S");
    }

    @Test
    void a_cancel_request_seen_by_the_heartbeat_cancels_the_running_job() {
        Job job = queued(NewJob.of("sleep", Map.of("seconds", 60)));
        kafka.dispatch(job);
        awaitState(job.id(), JobState.RUNNING);

        jdbc.sql("UPDATE conveyor.job SET cancel_requested = true WHERE id = :id").param("id", job.id()).update();

        awaitState(job.id(), JobState.CANCELLED);
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.running().stream()
                .noneMatch(running -> running.jobId().equals(job.id())));
        assertThat(jobs.history(job.id())).extracting(JobEventRecord::to).last().isEqualTo(JobState.CANCELLED);
    }

    @Test
    void an_attempt_whose_lease_was_taken_stops_and_records_nothing() {
        Job job = queued(NewJob.of("sleep", Map.of("seconds", 60)));
        kafka.dispatch(job);
        awaitState(job.id(), JobState.RUNNING);

        // another worker took the job over after this one's lease had expired
        jdbc.sql("UPDATE conveyor.job SET lease_owner = 'other-worker' WHERE id = :id").param("id", job.id()).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> executor.running().stream()
                .noneMatch(running -> running.jobId().equals(job.id())));
        Job after = jobs.find(job.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(JobState.RUNNING);
        assertThat(after.leaseOwner()).isEqualTo("other-worker");
    }

    @Test
    void skips_a_record_it_cannot_read() {
        kafka.sendRaw("conveyor.jobs.noop", "garbage", "{not json");
        Job job = queued(NewJob.of("noop", Map.of()));

        kafka.dispatch(job);

        awaitState(job.id(), JobState.SUCCEEDED);
    }

    private Job queued(NewJob job) {
        jobs.insert(job);
        return jobs.queue(job.id(), JobState.SUBMITTED).orElseThrow();
    }

    private Job awaitState(UUID id, JobState state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().state() == state);
        return jobs.find(id).orElseThrow();
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("worker-it");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
