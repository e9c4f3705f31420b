package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

class OutcomeStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String WORKER = "worker-1";
    private static JdbcClient jdbc;
    private static JobStore jobs;
    private static TestJobs testJobs;
    private static OutcomeStore outcomes;
    private static LeaseStore leases;

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        JsonColumns json = new JsonColumns(JsonMapper.builder().build());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        jdbc = JdbcClient.create(dataSource);
        jobs = new JobStore(jdbc, json, clock);
        testJobs = new TestJobs(jdbc, json, clock);
        outcomes = new OutcomeStore(jdbc, json, clock);
        leases = new LeaseStore(jdbc, json, clock);
    }

    @Test
    void records_a_batch_of_successes_and_skips_the_jobs_whose_lease_was_lost() {
        // GIVEN three running jobs, one of which another worker took over after the lease expired
        Job first = running();
        Job second = running();
        Job taken = running();
        jdbc.sql("UPDATE conveyor.job SET lease_owner = 'other-worker' WHERE id = :id").param("id", taken.id()).update();

        // WHEN this worker records all three as succeeded in one batch
        Set<UUID> stored = outcomes.succeed(WORKER, List.of(
                new OutcomeStore.Success(first.id(), 1, Map.of("rows", 1)),
                new OutcomeStore.Success(taken.id(), 1, Map.of()),
                new OutcomeStore.Success(second.id(), 1, Map.of("rows", 2))));

        // THEN the two it still held succeeded with their results and history; the third is untouched
        assertThat(stored).containsExactlyInAnyOrder(first.id(), second.id());
        Job done = jobs.find(second.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.result()).containsEntry("rows", 2);
        assertThat(done.finishedAt()).isEqualTo(NOW);
        assertThat(done.leaseOwner()).isNull();
        assertThat(testJobs.history(first.id())).last().satisfies(event -> {
            assertThat(event.from()).isEqualTo(JobState.RUNNING);
            assertThat(event.to()).isEqualTo(JobState.SUCCEEDED);
            assertThat(event.worker()).isEqualTo(WORKER);
        });
        Job untouched = jobs.find(taken.id()).orElseThrow();
        assertThat(untouched.state()).isEqualTo(JobState.RUNNING);
        assertThat(untouched.leaseOwner()).isEqualTo("other-worker");
        assertThat(testJobs.history(taken.id())).extracting(JobEventRecord::to).last().isEqualTo(JobState.RUNNING);
    }

    @Test
    void a_finished_job_has_a_webhook_delivery_only_when_it_was_subscribed() {
        // GIVEN two running jobs finishing in one batch, one of them subscribed to its completion
        Job subscribed = running();
        Job quiet = running();
        new WebhookOutbox(jdbc, Clock.fixed(NOW, ZoneOffset.UTC)).subscribeJob(subscribed.id(),
                "https://hooks.example.com/conveyor", List.of("succeeded"));

        // WHEN both succeed
        outcomes.succeed(WORKER, List.of(new OutcomeStore.Success(subscribed.id(), 1, Map.of()),
                new OutcomeStore.Success(quiet.id(), 1, Map.of())));

        // THEN only the subscribed one has its delivery waiting in the outbox
        assertThat(deliveries(subscribed)).containsExactly("job.succeeded");
        assertThat(deliveries(quiet)).isEmpty();
    }

    private static List<String> deliveries(Job job) {
        return jdbc.sql("SELECT event FROM conveyor.webhook_delivery WHERE job_id = :id").param("id", job.id())
                .query(String.class).list();
    }

    @Test
    void only_the_current_attempt_records_an_outcome() {
        Job job = running();

        assertThat(outcomes.succeed(WORKER, List.of(new OutcomeStore.Success(job.id(), 2, Map.of())))).isEmpty();
        assertThat(outcomes.succeed(WORKER, List.of(new OutcomeStore.Success(job.id(), 1, Map.of())))).hasSize(1);
    }

    @Test
    void records_failures_retries_and_cancellations_in_batches_with_their_messages() {
        Job failed = running();
        Job checked = running();
        Job retried = running();
        Job cancelled = running();
        Instant later = NOW.plusSeconds(90);

        assertThat(outcomes.fail(WORKER, List.of(
                new OutcomeStore.Failure(failed.id(), 1, "boom", Map.of()),
                new OutcomeStore.Failure(checked.id(), 1, "1 of 2 assertions failed", Map.of("passed", false)))))
                .hasSize(2);
        assertThat(outcomes.retryLater(WORKER, List.of(new OutcomeStore.Retry(retried.id(), 1, "busy", later))))
                .containsExactly(retried.id());
        assertThat(jobs.find(retried.id()).orElseThrow()).satisfies(job -> {
            assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
            assertThat(job.notBefore()).isEqualTo(later);
            assertThat(job.error()).isEqualTo("busy");
        });
        assertThat(outcomes.cancelRunning(WORKER, List.of(new OutcomeStore.Cancel(cancelled.id(), 1, "cancelled on request"))))
                .singleElement().extracting(Job::state).isEqualTo(JobState.CANCELLED);

        assertThat(jobs.find(failed.id()).orElseThrow()).satisfies(job -> {
            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(job.error()).isEqualTo("boom");
        });
        assertThat(jobs.find(checked.id()).orElseThrow().result()).containsEntry("passed", false);
        assertThat(testJobs.history(failed.id())).last().extracting(JobEventRecord::message).isEqualTo("boom");
        assertThat(testJobs.history(retried.id())).last().extracting(JobEventRecord::to, JobEventRecord::message)
                .containsExactly(JobState.SCHEDULED, "busy");
        assertThat(testJobs.history(cancelled.id())).last().extracting(JobEventRecord::message)
                .isEqualTo("cancelled on request");
    }

    @Test
    void renews_every_lease_in_one_statement_and_reports_lost_leases_and_cancel_requests() {
        Job kept = running();
        Job cancelRequested = running();
        Job lost = running();
        jobs.requestCancel(cancelRequested.id());
        jdbc.sql("UPDATE conveyor.job SET lease_owner = 'other-worker' WHERE id = :id").param("id", lost.id()).update();

        Map<java.util.UUID, Boolean> renewed = leases.renew(WORKER,
                Map.of(kept.id(), 1, cancelRequested.id(), 1, lost.id(), 1), Duration.ofMinutes(2));

        assertThat(renewed).containsOnly(Map.entry(kept.id(), false), Map.entry(cancelRequested.id(), true));
        assertThat(jobs.find(kept.id()).orElseThrow().leaseUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(jobs.find(lost.id()).orElseThrow().leaseUntil()).isEqualTo(NOW.plus(LEASE));
    }

    private static Job running() {
        return testJobs.aRunningJob().leasedBy(WORKER).withLease(LEASE).insert();
    }
}
