package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.common.job.IllegalTransitionException;
import dev.conveyor.testsupport.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static PGSimpleDataSource dataSource;
    private static JobStore store;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void migrate() {
        TestPostgres.Database database = TestPostgres.newDatabase();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).schemas("conveyor").load().migrate();
        store = new JobStore(JdbcClient.create(dataSource), new JsonColumns(JsonMapper.builder().build()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void stores_a_job_with_its_first_history_entry() {
        Job job = store.insert(NewJob.of("sql", Map.of("sql", "select 1")).withLabels(Map.of("team", "data")));

        assertThat(job.state()).isEqualTo(JobState.SUBMITTED);
        assertThat(job.params()).containsEntry("sql", "select 1");
        assertThat(job.labels()).containsEntry("team", "data");
        assertThat(job.createdAt()).isEqualTo(NOW);
        assertThat(store.history(job.id())).singleElement()
                .satisfies(event -> {
                    assertThat(event.from()).isNull();
                    assertThat(event.to()).isEqualTo(JobState.SUBMITTED);
                });
    }

    @Test
    void runs_a_job_through_its_life_and_records_every_move() {
        Job job = store.insert(NewJob.of("noop", Map.of()));

        assertThat(store.queue(job.id(), JobState.SUBMITTED)).isPresent();
        Job running = store.claim(job.id(), "worker-1", Duration.ofSeconds(30)).orElseThrow();
        assertThat(running.attempt()).isEqualTo(1);
        assertThat(running.leaseOwner()).isEqualTo("worker-1");
        assertThat(running.leaseUntil()).isEqualTo(NOW.plusSeconds(30));
        Job done = store.succeed(job.id(), "worker-1", 1, Map.of("rows", 2)).orElseThrow();

        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.result()).containsEntry("rows", 2);
        assertThat(done.leaseOwner()).isNull();
        assertThat(store.history(job.id())).extracting(JobEventRecord::to)
                .containsExactly(JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
    }

    @Test
    void losing_a_race_is_an_empty_result_not_an_error() {
        Job job = store.insert(NewJob.of("noop", Map.of()));
        store.queue(job.id(), JobState.SUBMITTED).orElseThrow();

        assertThat(store.queue(job.id(), JobState.SUBMITTED)).isEmpty();
        assertThat(store.claim(job.id(), "a", Duration.ofSeconds(5))).isPresent();
        assertThat(store.claim(job.id(), "b", Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void only_the_lease_owner_of_the_current_attempt_records_an_outcome() {
        Job job = store.insert(NewJob.of("noop", Map.of()));
        store.queue(job.id(), JobState.SUBMITTED).orElseThrow();
        store.claim(job.id(), "owner", Duration.ofSeconds(5)).orElseThrow();

        assertThat(store.succeed(job.id(), "intruder", 1, Map.of())).isEmpty();
        assertThat(store.fail(job.id(), "owner", 2, "stale attempt")).isEmpty();
        assertThat(store.fail(job.id(), "owner", 1, "boom")).get()
                .satisfies(failed -> assertThat(failed.error()).isEqualTo("boom"));
    }

    @Test
    void a_failed_attempt_with_attempts_left_is_scheduled_again() {
        Job job = store.insert(NewJob.of("sql", Map.of()));
        store.queue(job.id(), JobState.SUBMITTED).orElseThrow();
        store.claim(job.id(), "w", Duration.ofSeconds(5)).orElseThrow();

        Job scheduled = store.retryLater(job.id(), "w", 1, "timeout", NOW.plusSeconds(10)).orElseThrow();

        assertThat(scheduled.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(scheduled.notBefore()).isEqualTo(NOW.plusSeconds(10));
        assertThat(store.history(job.id())).last()
                .satisfies(event -> assertThat(event.message()).isEqualTo("timeout"));
    }

    @Test
    void refuses_a_move_the_state_table_forbids() {
        Job job = store.insert(NewJob.of("noop", Map.of()));

        Executable forbidden = () -> store.cancel(job.id(), JobState.SUCCEEDED, "too late");

        assertThatThrownBy(forbidden::execute).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void lock_due_skips_rows_another_transaction_holds() throws Exception {
        Instant past = NOW.minusSeconds(60);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Job job = store.insert(NewJob.of("noop", Map.of()).withTenant("sweep-test"));
            store.schedule(job.id(), JobState.SUBMITTED, past).orElseThrow();
            ids.add(job.id());
        }
        CountDownLatch firstHoldsLocks = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<UUID>> first = threads.submit(() -> transaction.execute(status -> {
                List<UUID> locked = store.lockDue(JobState.SCHEDULED, NOW, 2).stream().map(Job::id).toList();
                firstHoldsLocks.countDown();
                awaitQuietly(secondDone);
                return locked;
            }));
            firstHoldsLocks.await();
            List<UUID> second = transaction.execute(status ->
                    store.lockDue(JobState.SCHEDULED, NOW, 10).stream().map(Job::id).toList());
            secondDone.countDown();

            assertThat(first.get()).hasSize(2).doesNotContainAnyElementsOf(second);
            assertThat(second).containsAll(ids.stream().filter(id -> !first.resultNow().contains(id)).toList());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void claims_each_job_once_under_contention() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Job job = store.insert(NewJob.of("noop", Map.of()));
            store.queue(job.id(), JobState.SUBMITTED).orElseThrow();
            ids.add(job.id());
        }
        Map<UUID, String> winners = new ConcurrentHashMap<>();
        List<String> doubleClaims = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                String worker = "worker-" + w;
                runs.add(workers.submit(() -> {
                    for (UUID id : ids) {
                        store.claim(id, worker, Duration.ofMinutes(1)).ifPresent(job -> {
                            if (winners.putIfAbsent(id, worker) != null) {
                                doubleClaims.add(id + " by " + worker);
                            }
                        });
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(doubleClaims).isEmpty();
        assertThat(winners).hasSize(ids.size());
        for (UUID id : ids.subList(0, 20)) {
            assertThat(store.history(id)).filteredOn(event -> event.to() == JobState.RUNNING).hasSize(1);
        }
    }

    @Test
    void a_draining_worker_hands_a_job_back_without_counting_the_attempt() {
        Job job = store.insert(NewJob.of("sleep", Map.of()));
        store.queue(job.id(), JobState.SUBMITTED).orElseThrow();
        store.claim(job.id(), "w", Duration.ofSeconds(5)).orElseThrow();

        Job back = store.handBack(job.id(), "w", 1).orElseThrow();

        assertThat(back.state()).isEqualTo(JobState.QUEUED);
        assertThat(back.attempt()).isZero();
        assertThat(back.leaseOwner()).isNull();
    }

    @Test
    void expired_leases_are_found_and_requeued_with_the_attempt_counted() {
        Job job = store.insert(NewJob.of("sleep", Map.of()).withTenant("lease-test"));
        store.queue(job.id(), JobState.SUBMITTED).orElseThrow();
        store.claim(job.id(), "crashed", Duration.ofSeconds(30)).orElseThrow();

        List<Job> expired = transaction.execute(status -> store.lockExpiredLeases(NOW.plusSeconds(31), 100));

        assertThat(expired).extracting(Job::id).contains(job.id());
        List<Job> notYet = transaction.execute(status -> store.lockExpiredLeases(NOW.plusSeconds(29), 100));
        assertThat(notYet).extracting(Job::id).doesNotContain(job.id());
        Job requeued = store.requeueExpired(job.id(), "crashed", 1).orElseThrow();
        assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
        assertThat(requeued.attempt()).isEqualTo(1);
    }

    @Test
    void a_cancel_request_reaches_only_running_jobs() {
        Job job = store.insert(NewJob.of("sleep", Map.of()));
        assertThat(store.requestCancel(job.id())).isFalse();
        store.queue(job.id(), JobState.SUBMITTED).orElseThrow();
        store.claim(job.id(), "w", Duration.ofSeconds(5)).orElseThrow();

        assertThat(store.requestCancel(job.id())).isTrue();
        assertThat(store.find(job.id()).orElseThrow().cancelRequested()).isTrue();
        Job cancelled = store.cancelRunning(job.id(), "w", 1, "cancelled on request").orElseThrow();
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.cancelRequested()).isFalse();
    }

    @Test
    void a_failed_job_retried_gets_another_attempt() {
        Job job = store.insert(NewJob.of("sql", Map.of()).withMaxAttempts(1));
        store.queue(job.id(), JobState.SUBMITTED).orElseThrow();
        store.claim(job.id(), "w", Duration.ofSeconds(5)).orElseThrow();
        store.fail(job.id(), "w", 1, "boom").orElseThrow();

        Job retried = store.retry(job.id(), JobState.FAILED, JobState.SUBMITTED).orElseThrow();

        assertThat(retried.state()).isEqualTo(JobState.SUBMITTED);
        assertThat(retried.maxAttempts()).isEqualTo(2);
        assertThat(retried.error()).isNull();
        assertThat(retried.finishedAt()).isNull();
    }

    @Test
    void a_claim_that_arrives_before_the_queueing_commit_waits_for_it() throws Exception {
        Job job = store.insert(NewJob.of("noop", Map.of()));
        CountDownLatch queuedButNotCommitted = new CountDownLatch(1);
        CountDownLatch claimStarted = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // GIVEN the scheduler's transaction has queued the job and is still waiting for Kafka
            Future<?> scheduler = threads.submit(() -> transaction.executeWithoutResult(status -> {
                store.queue(job.id(), JobState.SUBMITTED).orElseThrow();
                queuedButNotCommitted.countDown();
                awaitQuietly(claimStarted);
                // commit only once the claim is waiting on this transaction's row lock
                org.awaitility.Awaitility.await("claim waiting for the row lock").atMost(Duration.ofSeconds(10))
                        .until(() -> JdbcClient.create(dataSource)
                                .sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                                .query(Long.class).single() > 0);
            }));
            queuedButNotCommitted.await();
            // WHEN a worker that already got the message claims the job
            Future<Optional<Job>> claim = threads.submit(() -> {
                claimStarted.countDown();
                return store.claim(job.id(), "early-worker", Duration.ofSeconds(30));
            });
            scheduler.get();

            // THEN the claim waited for the commit and won
            assertThat(claim.get()).get().extracting(Job::state).isEqualTo(JobState.RUNNING);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
