package dev.conveyor.store;

import static dev.conveyor.store.ConveyorAssertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

class DispatchStoreTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private static JobStore jobs;
    private static TestJobs testJobs;
    private static DispatchStore store;
    private static RetentionStore retention;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        JsonColumns json = new JsonColumns(JsonMapper.builder().build());
        jobs = new JobStore(JdbcClient.create(dataSource), json, CLOCK);
        testJobs = new TestJobs(JdbcClient.create(dataSource), json, CLOCK);
        store = new DispatchStore(JdbcClient.create(dataSource), json, CLOCK);
        retention = new RetentionStore(JdbcClient.create(dataSource));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void queues_a_batch_with_one_statement_and_records_each_move() {
        List<UUID> ids = testJobs.aSubmittedJob().insert(5).stream().map(Job::id).toList();
        UUID alreadyQueued = ids.getFirst();
        testJobs.aQueuedJob().advance(alreadyQueued);

        List<Job> queued = transaction.execute(status -> store.queue(store.lockSubmitted(ids).stream()
                .map(Job::id).toList(), JobState.SUBMITTED));

        assertThat(queued).extracting(Job::id).containsExactlyElementsOf(ids.subList(1, 5));
        assertThat(queued).allSatisfy(job -> {
            assertThat(job.state()).isEqualTo(JobState.QUEUED);
            assertThat(job.queuedAt()).isEqualTo(CLOCK.instant());
        });
        ids.forEach(id -> assertThat(testJobs.stored(id)).hasHistory(JobState.SUBMITTED, JobState.QUEUED));
    }

    @Test
    void a_move_of_rows_no_longer_in_the_expected_state_returns_nothing() {
        UUID id = testJobs.aCancelledJob().withMessage("gone").insert().id();

        assertThat(store.queue(List.of(id), JobState.SUBMITTED)).isEmpty();
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void expired_leases_are_requeued_or_failed_with_the_expired_worker_in_the_history() {
        Job requeue = running(3);
        Job fail = running(1);
        CLOCK.advance(Duration.ofMinutes(1));

        List<Job> requeued = store.requeueExpired(List.of(requeue.id(), fail.id()), CLOCK.instant());
        List<Job> failed = store.failExpired(List.of(requeue.id(), fail.id()), CLOCK.instant());

        assertThat(requeued).extracting(Job::id).containsExactly(requeue.id());
        assertThat(requeued.getFirst().leaseOwner()).isNull();
        assertThat(testJobs.stored(requeue)).hasLastWorker("worker-x").hasLastMessage("lease of worker-x expired");
        assertThat(failed).extracting(Job::id).containsExactly(fail.id());
        assertThat(failed.getFirst().error()).isEqualTo("lease of worker-x expired on the last attempt");
    }

    @Test
    void expired_leases_are_locked_only_once_the_lease_has_ended_and_requeued_with_the_attempt_counted() {
        Job job = running(3);
        Instant leaseEnd = job.leaseUntil();

        List<Job> notYet = transaction.execute(status -> store.lockExpiredLeases(leaseEnd.minusSeconds(1), 100));
        List<Job> expired = transaction.execute(status -> store.lockExpiredLeases(leaseEnd.plusSeconds(1), 100));

        assertThat(notYet).extracting(Job::id).doesNotContain(job.id());
        assertThat(expired).extracting(Job::id).contains(job.id());
        assertThat(store.requeueExpired(List.of(job.id()), leaseEnd.plusSeconds(1))).singleElement()
                .satisfies(requeued -> {
                    assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
                    assertThat(requeued.attempt()).isEqualTo(1);
                });
    }

    @Test
    void lock_due_skips_rows_another_transaction_holds() throws Exception {
        Instant past = CLOCK.instant().minusSeconds(60);
        List<UUID> ids = testJobs.aScheduledJob().forTenant("sweep-test").dueAt(past).insert(4).stream()
                .map(Job::id).toList();
        CountDownLatch firstHoldsLocks = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<UUID>> first = threads.submit(() -> transaction.execute(status -> {
                List<UUID> locked = store.lockDue(JobState.SCHEDULED, past, 2).stream().map(Job::id).toList();
                firstHoldsLocks.countDown();
                awaitQuietly(secondDone);
                return locked;
            }));
            firstHoldsLocks.await();
            List<UUID> second = transaction.execute(status ->
                    store.lockDue(JobState.SCHEDULED, past, 10).stream().map(Job::id).toList());
            secondDone.countDown();

            assertThat(first.get()).hasSize(2).doesNotContainAnyElementsOf(second);
            assertThat(second).containsAll(ids.stream().filter(id -> !first.resultNow().contains(id)).toList());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void overdue_queued_jobs_are_found_and_marked_resent_once_per_period() {
        UUID id = testJobs.aQueuedJob().insert().id();
        CLOCK.advance(Duration.ofMinutes(11));

        List<Job> overdue = transaction.execute(status -> store.lockOverdueQueued(
                CLOCK.instant().minus(Duration.ofMinutes(10)), 100));
        assertThat(overdue).extracting(Job::id).contains(id);
        assertThat(store.markResent(List.of(id))).singleElement()
                .satisfies(job -> assertThat(job.queuedAt()).isEqualTo(CLOCK.instant()));

        List<Job> again = transaction.execute(status -> store.lockOverdueQueued(
                CLOCK.instant().minus(Duration.ofMinutes(10)), 100));
        assertThat(again).extracting(Job::id).doesNotContain(id);
    }

    @Test
    void retention_deletes_finished_jobs_with_their_history_in_batches() {
        List<UUID> ids = testJobs.aCancelledJob().withMessage("done").insert(3).stream().map(Job::id).toList();
        Instant cutoff = CLOCK.instant().plusSeconds(1);

        int first = retention.deleteFinishedJobs(cutoff, 2);
        int rest = retention.deleteFinishedJobs(cutoff, 1000);

        assertThat(first).isEqualTo(2);
        assertThat(first + rest).isGreaterThanOrEqualTo(3);
        ids.forEach(id -> {
            assertThat(jobs.find(id)).isEmpty();
            assertThat(testJobs.history(id)).isEmpty();
        });
    }

    private static Job running(int maxAttempts) {
        return testJobs.aRunningJob().withMaxAttempts(maxAttempts).leasedBy("worker-x")
                .withLease(Duration.ofSeconds(30)).insert();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
