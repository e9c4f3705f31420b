package dev.conveyor.store;

import static dev.conveyor.store.ConveyorAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

class ClaimStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static PGSimpleDataSource dataSource;
    private static JobStore jobs;
    private static JobMoves moves;
    private static TestJobs testJobs;
    private static ClaimStore claims;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void migrate() {
        dataSource = MigratedDatabase.create();
        JsonColumns json = new JsonColumns(JsonMapper.builder().build());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        jobs = new JobStore(JdbcClient.create(dataSource), json, clock);
        moves = new JobMoves(JdbcClient.create(dataSource), json, clock);
        testJobs = new TestJobs(JdbcClient.create(dataSource), json, clock);
        claims = new ClaimStore(JdbcClient.create(dataSource), json, clock);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void claims_a_batch_in_one_statement_each_job_once_and_skips_jobs_not_queued() {
        Job first = testJobs.aQueuedJob().insert();
        Job second = testJobs.aQueuedJob().insert();
        Job submitted = testJobs.aSubmittedJob().insert();
        Job running = testJobs.aRunningJob().leasedBy("other-worker").withLease(LEASE).insert();

        // the batch lists the first job twice (a duplicate delivery in one poll)
        List<Job> claimed = claims.claim(List.of(first.id(), second.id(), first.id(), submitted.id(), running.id()),
                "worker-1", LEASE);

        assertThat(claimed).extracting(Job::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(claimed).allSatisfy(job -> {
            assertThat(job.state()).isEqualTo(JobState.RUNNING);
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(job.leaseOwner()).isEqualTo("worker-1");
            assertThat(job.leaseUntil()).isEqualTo(NOW.plus(LEASE));
            assertThat(job.startedAt()).isEqualTo(NOW);
        });
        assertThat(testJobs.history(first.id())).extracting(JobEventRecord::to, JobEventRecord::worker)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(JobState.SUBMITTED, null),
                        org.assertj.core.groups.Tuple.tuple(JobState.QUEUED, null),
                        org.assertj.core.groups.Tuple.tuple(JobState.RUNNING, "worker-1"));
        assertThat(jobs.find(submitted.id()).orElseThrow().state()).isEqualTo(JobState.SUBMITTED);
        assertThat(jobs.find(running.id()).orElseThrow().leaseOwner()).isEqualTo("other-worker");
    }

    @Test
    void an_empty_batch_claims_nothing() {
        assertThat(claims.claim(List.of(), "worker-1", LEASE)).isEmpty();
    }

    @Test
    void a_batch_claim_racing_the_queueing_commit_waits_for_it_and_claims_the_job_once() throws Exception {
        Job alreadyQueued = testJobs.aQueuedJob().insert();
        Job job = testJobs.aSubmittedJob().insert();
        CountDownLatch queuedButNotCommitted = new CountDownLatch(1);
        CountDownLatch claimStarted = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // GIVEN the scheduler's transaction has queued the job and waits for Kafka before committing
            Future<?> scheduler = threads.submit(() -> transaction.executeWithoutResult(status -> {
                moves.queue(job.id(), JobState.SUBMITTED).orElseThrow();
                queuedButNotCommitted.countDown();
                awaitQuietly(claimStarted);
                // commit only once the claim waits on this transaction's row lock
                await("claim waiting for the row lock").atMost(Duration.ofSeconds(10))
                        .until(() -> JdbcClient.create(dataSource)
                                .sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                                .query(Long.class).single() > 0);
            }));
            queuedButNotCommitted.await();

            // WHEN a worker that already got the message claims it in a batch with another job
            Future<List<Job>> claim = threads.submit(() -> {
                claimStarted.countDown();
                return claims.claim(List.of(alreadyQueued.id(), job.id()), "early-worker", LEASE);
            });
            scheduler.get();

            // THEN the claim waited for the commit and took both jobs, each once
            assertThat(claim.get()).extracting(Job::id).containsExactlyInAnyOrder(alreadyQueued.id(), job.id());
            assertThat(testJobs.stored(job)).hasHistory(JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void claims_each_job_once_under_contention_from_overlapping_batches() throws Exception {
        List<UUID> ids = testJobs.aQueuedJob().insert(300).stream().map(Job::id).toList();
        Map<UUID, String> winners = new ConcurrentHashMap<>();
        List<UUID> duplicates = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "worker-" + w;
                List<UUID> shuffled = new ArrayList<>(ids);
                Collections.shuffle(shuffled);
                running.add(workers.submit(() -> {
                    for (int from = 0; from < shuffled.size(); from += 50) {
                        for (Job job : claims.claim(shuffled.subList(from, from + 50), worker, LEASE)) {
                            if (winners.putIfAbsent(job.id(), worker) != null) {
                                duplicates.add(job.id());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(duplicates).isEmpty();
        assertThat(winners).hasSize(ids.size());
        for (UUID id : ids.subList(0, 20)) {
            assertThat(testJobs.stored(id)).hasMovedTo(JobState.RUNNING, 1);
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
