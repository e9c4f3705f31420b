package dev.conveyor.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.common.event.JobDeadLettered;
import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.dispatch.MessageSender;
import dev.conveyor.scheduler.system.BatchTransactions;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.store.DispatchStore;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.testsupport.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LeaseIT extends SchedulerIntegrationTest {

    private static final String TYPE = "lease-test";
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;
    @Autowired
    TestJobs testJobs;

    @Autowired
    Sweeper sweeper;

    @Autowired
    DispatchStore store;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MessageSender sender;

    @Autowired
    MessageJson json;

    @Autowired
    BatchTransactions transactions;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MutableClock clock;

    /** A job a worker claimed (attempt {@code attempt} of {@code maxAttempts}) and then stopped renewing. */
    private Job runningJob(int maxAttempts, int attempt) {
        return testJobs.aRunningJob().ofType(TYPE).withParams(Map.of("n", 1)).withMaxAttempts(maxAttempts)
                .onAttempt(attempt).leasedBy("worker-" + (attempt - 1)).withLease(LEASE).insert();
    }

    @Test
    void requeues_a_job_whose_lease_expired_with_the_attempt_still_counted_and_dispatches_it_again() {
        // GIVEN a job on its first of three attempts whose worker went away
        Job running = runningJob(3, 1);
        double before = recovered();

        // WHEN its lease has expired and the sweep runs
        clock.advance(LEASE.plusSeconds(1));
        SweepReport report = sweeper.sweepOnce();

        // THEN it is QUEUED again, attempt 1 still counted, and a JobDispatched is on its topic
        assertThat(report.leaseExpired()).contains(new LeaseSweeper.Recovered(running.id(), LeaseSweeper.Recovery.REQUEUED));
        Job requeued = jobs.find(running.id()).orElseThrow();
        assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
        assertThat(requeued.attempt()).isEqualTo(1);
        assertThat(requeued.leaseOwner()).isNull();
        assertThat(testJobs.history(running.id()).getLast().message()).isEqualTo("lease of worker-0 expired");
        List<JobDispatched> sent = KafkaProbe.dispatched(Topics.typed(TYPE), Set.of(running.id()),
                Duration.ofMillis(500)).get(running.id());
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.attempt()).isEqualTo(1);
            assertThat(message.params()).isEqualTo(Map.of("n", 1));
        });
        // counted exactly what this sweep recovered (the expired jobs of other tests may be among them)
        assertThat(recovered() - before)
                .isEqualTo(report.leaseExpired().stream().filter(LeaseSweeper.Recovered::moved).count());

        // and a new worker can claim it for its second attempt
        assertThat(moves.claim(running.id(), "worker-9", LEASE)).get().extracting(Job::attempt).isEqualTo(2);
    }

    @Test
    void fails_a_job_whose_lease_expired_on_its_last_attempt_and_reports_it() {
        // GIVEN a job on its last attempt whose worker went away
        Job running = runningJob(2, 2);

        clock.advance(LEASE.plusSeconds(1));
        sweeper.sweepOnce();

        // THEN it FAILED, with JobFailed(willRetry=false) on the events topic and a dead letter
        Job failed = jobs.find(running.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).isEqualTo("lease of worker-1 expired on the last attempt");
        assertThat(KafkaProbe.messages(Topics.EVENTS, JobLifecycleEvent.class, JobLifecycleEvent::jobId,
                Set.of(running.id()), Duration.ofMillis(500)).get(running.id()))
                .singleElement().isInstanceOfSatisfying(JobFailed.class, event -> {
                    assertThat(event.willRetry()).isFalse();
                    assertThat(event.attempt()).isEqualTo(2);
                    assertThat(event.worker()).isEqualTo("worker-1");
                });
        assertThat(KafkaProbe.messages(Topics.DEAD_LETTER, JobDeadLettered.class, JobDeadLettered::jobId,
                Set.of(running.id()), Duration.ofMillis(500)).get(running.id()))
                .singleElement().satisfies(letter -> {
                    assertThat(letter.error()).isEqualTo(failed.error());
                    assertThat(letter.attempt()).isEqualTo(failed.attempt());
                });
    }

    @Test
    void leaves_a_job_whose_lease_is_still_valid() {
        Job running = runningJob(3, 1);

        clock.advance(LEASE.minusSeconds(5));
        SweepReport report = sweeper.sweepOnce();

        assertThat(report.leaseExpired()).extracting(LeaseSweeper.Recovered::jobId).doesNotContain(running.id());
        assertThat(jobs.find(running.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void two_sweepers_at_the_same_time_recover_each_job_once() throws Exception {
        // GIVEN 60 expired jobs
        List<UUID> ids = IntStream.range(0, 60).mapToObj(i -> runningJob(3, 1).id()).toList();
        clock.advance(LEASE.plusSeconds(1));

        // WHEN two replicas with small batches sweep leases until nothing is left
        List<LeaseSweeper.Recovered> all = new ArrayList<>();
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<List<LeaseSweeper.Recovered>>> results = new ArrayList<>();
            for (int replica = 0; replica < 2; replica++) {
                LeaseSweeper own = new LeaseSweeper(store, dispatcher, sender, json, transactions, clock, 7);
                results.add(replicas.submit(untilEmpty(own, together, ids)));
            }
            for (Future<List<LeaseSweeper.Recovered>> result : results) {
                all.addAll(result.get());
            }
        }

        // THEN each job was requeued once
        Set<UUID> ours = new HashSet<>(ids);
        assertThat(all).filteredOn(recovered -> ours.contains(recovered.jobId()) && recovered.moved())
                .extracting(LeaseSweeper.Recovered::jobId).hasSize(60).doesNotHaveDuplicates();
        for (UUID id : ids) {
            assertThat(testJobs.history(id)).filteredOn(entry -> entry.from() == JobState.RUNNING
                    && entry.to() == JobState.QUEUED).hasSize(1);
        }
        // AND every job has its message; a batch rolled back after some of its sends were acknowledged sends those
        // again with the next round (at least once), so the history above, not the message count, proves one move
        Map<UUID, List<JobDispatched>> sent = KafkaProbe.dispatched(Topics.typed(TYPE), ours, Duration.ofSeconds(1));
        assertThat(sent).hasSize(60);
        assertThat(sent.values()).allSatisfy(messages -> assertThat(messages).isNotEmpty()
                .allSatisfy(message -> assertThat(message.attempt()).isEqualTo(1)));
    }

    /**
     * Sweeps until none of {@code ids} is RUNNING any more. A round that comes back empty while some still are is a
     * batch rolled back (a send to a topic still electing its leader, on a busy machine): the next round, as the next
     * sweep would in production, takes those jobs again.
     */
    private Callable<List<LeaseSweeper.Recovered>> untilEmpty(LeaseSweeper sweeper, CyclicBarrier together,
            List<UUID> ids) {
        return () -> {
            together.await();
            List<LeaseSweeper.Recovered> all = new ArrayList<>();
            for (int round = 0; round < 200 && anyRunning(ids); round++) {
                all.addAll(sweeper.sweepOnce());
            }
            return all;
        };
    }

    private boolean anyRunning(List<UUID> ids) {
        return ids.stream().anyMatch(id -> jobs.find(id).orElseThrow().state() == JobState.RUNNING);
    }

    private double recovered() {
        var counter = meters.find("conveyor.sweep.recovered").tag("reason", "lease-expired").counter();
        return counter == null ? 0 : counter.count();
    }
}
