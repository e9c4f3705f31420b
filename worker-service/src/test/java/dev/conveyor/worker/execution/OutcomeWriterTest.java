package dev.conveyor.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.MigratedDatabase;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.store.LeaseStore;
import dev.conveyor.store.OutcomeStore;
import dev.conveyor.store.TestJobs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

class OutcomeWriterTest {

    private static final String WORKER = "worker-1";
    private static JdbcClient jdbc;
    private static JsonColumns json;
    private static JobStore jobs;
    private static TestJobs testJobs;

    /** The real store, counting the successes each statement carries and holding the first one back. */
    private static final class CountingOutcomes extends OutcomeStore {
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final CountDownLatch firstHeld = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        private final AtomicBoolean firstCall = new AtomicBoolean(true);

        CountingOutcomes() {
            super(jdbc, json, Clock.systemUTC());
        }

        @Override
        public Set<UUID> succeed(String worker, List<Success> outcomes) {
            if (firstCall.compareAndSet(true, false)) {
                firstHeld.countDown();
                await().atMost(Duration.ofSeconds(30)).until(() -> releaseFirst.getCount() == 0);
            }
            batchSizes.add(outcomes.size());
            return super.succeed(worker, outcomes);
        }
    }

    private OutcomeWriter writer;

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        jdbc = JdbcClient.create(dataSource);
        json = new JsonColumns(JsonMapper.builder().build());
        jobs = new JobStore(jdbc, json, Clock.systemUTC());
        testJobs = new TestJobs(jdbc, json, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        writer.close();
    }

    @Test
    void outcomes_that_pile_up_while_one_is_written_share_the_next_statement_and_lost_leases_come_back_false()
            throws Exception {
        // GIVEN a writer busy storing one outcome, and 20 more running jobs, one of them taken by another worker
        CountingOutcomes outcomes = new CountingOutcomes();
        writer = new OutcomeWriter(outcomes, new LeaseStore(jdbc, json, Clock.systemUTC()), WORKER, 1);
        Job held = running();
        List<Job> finishing = IntStream.range(0, 20).mapToObj(i -> running()).toList();
        Job taken = finishing.get(7);
        jdbc.sql("UPDATE conveyor.job SET lease_owner = 'other-worker' WHERE id = :id").param("id", taken.id()).update();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<Boolean> first = threads.submit(() -> writer.succeed(held.id(), 1, Map.of()));
            outcomes.firstHeld.await();

            // WHEN 20 job threads finish meanwhile
            List<Future<Boolean>> results = new ArrayList<>();
            for (Job job : finishing) {
                results.add(threads.submit(() -> writer.succeed(job.id(), 1, Map.of("n", 1))));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.pending() == 20);
            outcomes.releaseFirst.countDown();

            // THEN they are stored with one statement, and only the job whose lease was taken is not recorded
            assertThat(first.get()).isTrue();
            for (int i = 0; i < finishing.size(); i++) {
                Job job = finishing.get(i);
                assertThat(results.get(i).get()).as("stored").isEqualTo(!job.equals(taken));
                if (!job.equals(taken)) {
                    assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
                }
            }
            assertThat(outcomes.batchSizes).containsExactly(1, 20);
            assertThat(jobs.find(taken.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_second_writer_stores_outcomes_while_the_first_waits_and_a_lease_renewal_waits_for_both() throws Exception {
        // GIVEN two writer threads, the first one busy storing an outcome
        CountingOutcomes outcomes = new CountingOutcomes();
        writer = new OutcomeWriter(outcomes, new LeaseStore(jdbc, json, Clock.systemUTC()), WORKER, 2);
        Job held = running();
        Job next = running();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<Boolean> first = threads.submit(() -> writer.succeed(held.id(), 1, Map.of()));
            outcomes.firstHeld.await();

            // WHEN another job finishes and this worker renews its leases meanwhile
            Future<Boolean> second = threads.submit(() -> writer.succeed(next.id(), 1, Map.of()));
            assertThat(second.get(30, TimeUnit.SECONDS)).isTrue();
            Future<Map<UUID, Boolean>> renewal = threads.submit(() -> writer.renew(Map.of(held.id(), 1),
                    Duration.ofMinutes(5)));

            // THEN the second outcome was stored by the other writer, and the renewal waits for the first batch
            assertThat(jobs.find(next.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !renewal.isDone());
            outcomes.releaseFirst.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
            // the job succeeded before the renewal ran, so there was no lease left to renew
            assertThat(renewal.get(30, TimeUnit.SECONDS)).doesNotContainKey(held.id());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_failed_statement_reaches_every_waiting_job_thread() {
        OutcomeStore broken = new OutcomeStore(jdbc, json, Clock.systemUTC()) {
            @Override
            public Set<UUID> succeed(String worker, List<Success> outcomes) {
                throw new IllegalStateException("database down");
            }
        };
        writer = new OutcomeWriter(broken, new LeaseStore(jdbc, json, Clock.systemUTC()), WORKER, 1);
        Job job = running();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.succeed(job.id(), 1, Map.of()))
                .hasRootCauseMessage("database down");
    }

    private static Job running() {
        return testJobs.aRunningJob().leasedBy(WORKER).withLease(Duration.ofMinutes(5)).insert();
    }
}
