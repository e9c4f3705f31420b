package dev.conveyor.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobEventRecord;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.testsupport.WithRealInfrastructure;
import dev.conveyor.worker.WorkerApplication;
import dev.conveyor.worker.support.KafkaTestClient;
import dev.conveyor.worker.support.KafkaTestClientConfiguration;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch intake against a real broker and database. Records are published while the intake is
 * stopped, so that when it starts they reach the listener together in one poll; all of them share a
 * key, so they sit on one partition in order.
 */
@WithRealInfrastructure
@Import(KafkaTestClientConfiguration.class)
@SpringBootTest(properties = {
        "spring.config.name=" + WorkerApplication.CONFIG_NAME,
        "conveyor.worker.group=batch-intake-it-${random.uuid}",
        "conveyor.worker.topics=" + BatchIntakeIT.TOPIC,
        "conveyor.worker.concurrency=2",
        "conveyor.warehouse.url=jdbc:duckdb:"})
class BatchIntakeIT {

    static final String TOPIC = "conveyor.jobs.batch-intake-it";
    private static final String KEY = "one-partition";

    @Autowired
    KafkaTestClient kafka;

    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;
    @Autowired
    TestJobs testJobs;
    @Autowired
    JobIntake intake;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void takes_only_as_many_records_as_free_slots_and_redelivers_the_rest() {
        // GIVEN six one-second jobs waiting on one partition for a worker with two slots
        intake.stop();
        List<Job> queued = IntStream.range(0, 6).mapToObj(i -> queued(NewJob.of("sleep", Map.of("seconds", 1))))
                .toList();
        queued.forEach(job -> kafka.dispatch(TOPIC, KEY, job));

        // WHEN the intake starts and polls them all at once
        intake.start();

        // THEN every job runs once, never more than two at a time, and none is lost
        await().atMost(Duration.ofSeconds(60)).until(() -> queued.stream()
                .allMatch(job -> jobs.find(job.id()).orElseThrow().state() == JobState.SUCCEEDED));
        List<Job> done = queued.stream().map(job -> jobs.find(job.id()).orElseThrow())
                .sorted(Comparator.comparing(Job::startedAt)).toList();
        // (a slot frees when the handler returns, a moment before the outcome is stored at finishedAt)
        for (int i = 2; i < done.size(); i++) {
            assertThat(done.get(i).startedAt()).as("job %d started after job %d's handler returned", i, i - 2)
                    .isAfterOrEqualTo(done.get(i - 2).startedAt().plusSeconds(1));
        }
        done.forEach(job -> assertThat(testJobs.history(job.id())).extracting(JobEventRecord::to)
                .containsExactly(JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED));
    }

    @Test
    void a_poisoned_record_and_a_duplicate_in_one_batch_do_not_block_the_rest() {
        // GIVEN a batch with unreadable records and a job delivered twice among three jobs
        intake.stop();
        Job first = queued(NewJob.of("noop", Map.of()));
        Job second = queued(NewJob.of("noop", Map.of()));
        Job third = queued(NewJob.of("noop", Map.of()));
        kafka.dispatch(TOPIC, KEY, first);
        kafka.sendRaw(TOPIC, KEY, "{not json");
        kafka.dispatch(TOPIC, KEY, second);
        kafka.dispatch(TOPIC, KEY, first);
        kafka.sendRaw(TOPIC, KEY, "{\"event\":\"no job id\"}");
        kafka.dispatch(TOPIC, KEY, third);

        // WHEN the intake reads them
        intake.start();

        // THEN each job is claimed once and succeeds
        for (Job job : List.of(first, second, third)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(job.id()).orElseThrow().state()
                    == JobState.SUCCEEDED);
            assertThat(testJobs.history(job.id())).extracting(JobEventRecord::to)
                    .containsExactly(JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
        }
    }

    @Test
    void a_message_that_arrives_before_the_queueing_commit_is_claimed_once_after_it() throws Exception {
        Job job = jobs.insert(NewJob.of("noop", Map.of()));
        CountDownLatch queuedButNotCommitted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService scheduler = Executors.newSingleThreadExecutor();
        try {
            // GIVEN the scheduler's transaction moved the job to QUEUED and has not committed yet
            Future<?> queueing = scheduler.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(
                    status -> {
                        moves.queue(job.id(), JobState.SUBMITTED).orElseThrow();
                        queuedButNotCommitted.countDown();
                        await().atMost(Duration.ofSeconds(30)).until(() -> commit.getCount() == 0);
                    }));
            queuedButNotCommitted.await();

            // WHEN its message reaches the worker before the commit
            kafka.dispatch(TOPIC, UUID.randomUUID().toString(), job);
            await("the claim waits for the queueing transaction").atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                            .query(Long.class).single() > 0);
            commit.countDown();
            queueing.get();

            // THEN the job is claimed once, after the commit, and runs
            await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(job.id()).orElseThrow().state()
                    == JobState.SUCCEEDED);
            assertThat(testJobs.history(job.id())).extracting(JobEventRecord::to)
                    .containsExactly(JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void the_next_jobs_are_claimed_while_the_last_outcomes_are_still_being_written() throws Exception {
        // GIVEN both slots running one-second jobs whose rows someone else holds locked, so their outcomes wait
        List<Job> slow = IntStream.range(0, 2).mapToObj(i -> queued(NewJob.of("sleep", Map.of("seconds", 1))))
                .toList();
        slow.forEach(job -> kafka.dispatch(TOPIC, UUID.randomUUID().toString(), job));
        slow.forEach(job -> await().atMost(Duration.ofSeconds(30))
                .until(() -> jobs.find(job.id()).orElseThrow().state() == JobState.RUNNING));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch unlock = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<?> lock = holder.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql("SELECT id FROM conveyor.job WHERE id IN (:ids) FOR UPDATE")
                        .param("ids", slow.stream().map(Job::id).toList()).query().rowSet();
                locked.countDown();
                await().atMost(Duration.ofSeconds(60)).until(() -> unlock.getCount() == 0);
            }));
            locked.await();
            await("the handlers returned and their outcome waits for the lock").atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                            .query(Long.class).single() > 0);

            // WHEN another job arrives
            Job next = queued(NewJob.of("noop", Map.of()));
            kafka.dispatch(TOPIC, UUID.randomUUID().toString(), next);

            // THEN it is claimed at once: the slots freed when the handlers returned, not when their outcomes commit
            await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(next.id()).orElseThrow().state()
                    != JobState.QUEUED);
            slow.forEach(job -> assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING));

            // and once the lock goes, every job succeeds exactly once
            unlock.countDown();
            lock.get();
            for (Job job : List.of(slow.get(0), slow.get(1), next)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(job.id()).orElseThrow().state()
                        == JobState.SUCCEEDED);
                assertThat(testJobs.history(job.id())).extracting(JobEventRecord::to).containsExactly(
                        JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
            }
        } finally {
            unlock.countDown();
            holder.shutdownNow();
        }
    }

    private Job queued(NewJob job) {
        return testJobs.aQueuedJob().advance(jobs.insert(job).id());
    }
}
