package dev.conveyor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.event.JobSubmitted;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.scheduler.recovery.SweepReport;
import dev.conveyor.scheduler.recovery.Sweeper;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.TestJobs;
import dev.conveyor.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The batch paths of dispatch: one transaction per poll, all messages acknowledged before the commit. */
class BatchDispatchIT extends SchedulerIntegrationTest {

    @Autowired
    JobStore jobs;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Sweeper sweeper;

    @Autowired
    MessageJson json;

    @Autowired
    @Qualifier("jobSubmitted")
    Consumer<List<byte[]>> jobSubmitted;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MutableClock clock;

    @Autowired
    TestJobs testJobs;

    @Test
    void dispatches_every_job_of_a_batch_with_acknowledged_messages() {
        // GIVEN 50 stored jobs
        List<UUID> ids = IntStream.range(0, 50)
                .mapToObj(i -> jobs.insert(NewJob.of("noop", Map.of("i", i))).id())
                .toList();

        // WHEN one poll brings all their JobSubmitted
        List<DispatchResult> outcomes = dispatcher.onSubmitted(ids);

        // THEN every one is QUEUED with exactly one JobDispatched on its topic
        assertThat(outcomes).extracting(DispatchResult::kind).containsOnly(DispatchResult.Kind.QUEUED).hasSize(50);
        ids.forEach(id -> assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED));
        Map<UUID, List<JobDispatched>> sent = KafkaProbe.dispatched(Topics.typed("noop"), new HashSet<>(ids),
                Duration.ofMillis(500));
        assertThat(sent).hasSize(50);
        assertThat(sent.values()).allSatisfy(messages -> assertThat(messages).hasSize(1));
    }

    @Test
    void a_batch_of_messages_from_kafka_dispatches_every_job() {
        List<Job> stored = IntStream.range(0, 20).mapToObj(i -> jobs.insert(NewJob.of("noop", Map.of("k", i)))).toList();

        stored.forEach(job -> KafkaProbe.publish(Topics.SUBMITTED, job.id(),
                JobSubmitted.of(job.id(), job.tenant(), job.type(), job.createdAt())));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> stored.forEach(
                job -> assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED)));
    }

    @Test
    void a_failed_send_rolls_back_the_whole_batch() {
        // GIVEN three ordinary jobs and one whose JobDispatched is larger than the producer accepts
        List<UUID> ids = new ArrayList<>(IntStream.range(0, 3)
                .mapToObj(i -> jobs.insert(NewJob.of("noop", Map.of("i", i))).id())
                .toList());
        ids.add(jobs.insert(NewJob.of("noop", Map.of("blob", "x".repeat(2 * 1024 * 1024)))).id());

        // WHEN they are dispatched in one batch, THEN the refusal surfaces
        assertThatThrownBy(() -> dispatcher.onSubmitted(ids)).isInstanceOf(DispatchNotAcknowledgedException.class);

        // AND every job of the batch is still SUBMITTED, none ever QUEUED
        for (UUID id : ids) {
            assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.SUBMITTED);
            assertThat(queuedEntries(id)).isZero();
        }
        ids.forEach(id -> jobs.cancel(id, JobState.SUBMITTED, "test clean-up: keep it out of later sweeps"));
    }

    @Test
    void duplicate_messages_in_one_batch_dispatch_once() {
        Job first = jobs.insert(NewJob.of("noop", Map.of("dup", 1)));
        Job second = jobs.insert(NewJob.of("noop", Map.of("dup", 2)));

        List<DispatchResult> outcomes = dispatcher.onSubmitted(List.of(first.id(), second.id(), first.id(), second.id()));

        assertThat(outcomes).extracting(DispatchResult::jobId).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(queuedEntries(first.id())).isEqualTo(1);
        assertThat(queuedEntries(second.id())).isEqualTo(1);
        Map<UUID, List<JobDispatched>> sent = KafkaProbe.dispatched(Topics.typed("noop"),
                Set.of(first.id(), second.id()), Duration.ofMillis(500));
        assertThat(sent.values()).allSatisfy(messages -> assertThat(messages).hasSize(1));
    }

    @Test
    void a_poisoned_record_does_not_block_the_rest_of_its_batch() {
        Job job = jobs.insert(NewJob.of("noop", Map.of("poison", false)));
        byte[] good = json.write(JobSubmitted.of(job.id(), job.tenant(), job.type(), job.createdAt()));

        jobSubmitted.accept(java.util.Arrays.asList(
                "{not json".getBytes(StandardCharsets.UTF_8),
                "{\"jobId\": null}".getBytes(StandardCharsets.UTF_8),
                null,
                good));

        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void the_event_path_skips_a_row_the_sweep_holds_instead_of_waiting() throws Exception {
        // GIVEN a SUBMITTED job whose row another transaction (a sweep) holds
        Job held = jobs.insert(NewJob.of("noop", Map.of("held", true)));
        Job free = jobs.insert(NewJob.of("noop", Map.of("held", false)));
        try (RowLock lock = RowLock.hold(transactionManager, jdbc, held.id())) {
            // WHEN a batch with both arrives, THEN it returns at once: the held row is left, the other queued
            List<DispatchResult> outcomes = CompletableFuture
                    .supplyAsync(() -> dispatcher.onSubmitted(List.of(held.id(), free.id())))
                    .get(10, TimeUnit.SECONDS);
            assertThat(outcomes).contains(DispatchResult.of(held.id(), DispatchResult.Kind.LEFT));
            assertThat(outcomes).filteredOn(outcome -> outcome.jobId().equals(free.id()))
                    .extracting(DispatchResult::kind).containsExactly(DispatchResult.Kind.QUEUED);
        }
        assertThat(jobs.find(held.id()).orElseThrow().state()).isEqualTo(JobState.SUBMITTED);
        jobs.cancel(held.id(), JobState.SUBMITTED, "test clean-up");
    }

    @Test
    void the_sweep_skips_a_row_the_event_path_holds_instead_of_waiting() throws Exception {
        // GIVEN two jobs whose messages look lost, one of them held by a dispatch transaction right now
        Job held = jobs.insert(NewJob.of("noop", Map.of("sweep-held", true)));
        Job free = jobs.insert(NewJob.of("noop", Map.of("sweep-held", false)));
        clock.advance(Duration.ofSeconds(6));
        try (RowLock lock = RowLock.hold(transactionManager, jdbc, held.id())) {
            // WHEN the sweep runs, THEN it returns at once, dispatching the free job and not the held one
            SweepReport report = CompletableFuture.supplyAsync(sweeper::sweepOnce).get(10, TimeUnit.SECONDS);
            assertThat(report.lostMessage()).extracting(DispatchResult::jobId).contains(free.id()).doesNotContain(held.id());
        }
        assertThat(jobs.find(held.id()).orElseThrow().state()).isEqualTo(JobState.SUBMITTED);
        assertThat(jobs.find(free.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        jobs.cancel(held.id(), JobState.SUBMITTED, "test clean-up");
    }

    private long queuedEntries(UUID id) {
        return testJobs.history(id).stream().filter(entry -> entry.to() == JobState.QUEUED).count();
    }

    /** A job row locked FOR UPDATE by another thread's open transaction until closed. */
    private static final class RowLock implements AutoCloseable {

        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Void> holder;

        private RowLock(CompletableFuture<Void> holder) {
            this.holder = holder;
        }

        static RowLock hold(PlatformTransactionManager transactionManager, JdbcClient jdbc, UUID id)
                throws Exception {
            CountDownLatch locked = new CountDownLatch(1);
            CompletableFuture<Void> holder = new CompletableFuture<>();
            RowLock lock = new RowLock(holder);
            Thread.ofVirtual().start(() -> {
                try {
                    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                        jdbc.sql("SELECT id FROM conveyor.job WHERE id = :id FOR UPDATE").param("id", id)
                                .query().listOfRows();
                        locked.countDown();
                        try {
                            lock.release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    holder.complete(null);
                } catch (RuntimeException e) {
                    holder.completeExceptionally(e);
                }
            });
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            return lock;
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }
}
