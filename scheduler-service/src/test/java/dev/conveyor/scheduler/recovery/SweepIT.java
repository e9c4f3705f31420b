package dev.conveyor.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.dispatch.DispatchResult;
import dev.conveyor.scheduler.manifest.ManifestSweeper;
import dev.conveyor.scheduler.metrics.JobStateGauges;
import dev.conveyor.scheduler.system.BatchTransactions;
import dev.conveyor.store.DispatchStore;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SweepIT extends SchedulerIntegrationTest {

    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;
    @Autowired
    TestJobs testJobs;

    @Autowired
    DispatchStore store;

    @Autowired
    Sweeper sweeper;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    LeaseSweeper leases;

    @Autowired
    ManifestSweeper manifests;

    @Autowired
    BatchTransactions transactions;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MutableClock clock;

    @Autowired
    JobStateGauges gauge;

    @Test
    void dispatches_a_submitted_job_whose_message_was_lost() {
        // GIVEN a job the API stored but never announced
        Job job = jobs.insert(NewJob.of("noop", Map.of("lost", true)));
        double recoveredBefore = recovered("lost-message");

        // WHEN it is older than the lost-message delay and the sweep runs
        clock.advance(Duration.ofSeconds(6));
        SweepReport report = sweeper.sweepOnce();

        // THEN the sweep queued and dispatched it
        assertThat(report.lostMessage()).filteredOn(outcome -> outcome.jobId().equals(job.id()))
                .extracting(DispatchResult::kind).containsExactly(DispatchResult.Kind.QUEUED);
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(KafkaProbe.dispatched(Topics.typed("noop"), Set.of(job.id()), Duration.ofMillis(500))
                .get(job.id())).hasSize(1);
        // AND counted exactly what this sweep recovered (other tests' lost jobs may be among them)
        assertThat(recovered("lost-message") - recoveredBefore)
                .isEqualTo(report.lostMessage().stream().filter(DispatchResult::moved).count());
    }

    private double submittedNoops() {
        return meters.get("conveyor.jobs.state").tag("state", "SUBMITTED").tag("type", "noop").gauge().value();
    }

    private double recovered(String reason) {
        return meters.counter("conveyor.sweep.recovered", "reason", reason).count();
    }

    @Test
    void the_state_gauge_counts_jobs_when_refreshed() {
        // GIVEN the count as of now (the jobs of earlier tests are in the same database)
        gauge.refresh();
        double before = submittedNoops();

        // WHEN three jobs are stored, nobody announces them (the sweep is off), and the gauge is refreshed
        IntStream.range(0, 3).forEach(i -> jobs.insert(NewJob.of("noop", Map.of("counted", i))));
        gauge.refresh();

        // THEN the meter of their state and type counts exactly those three more
        assertThat(submittedNoops()).isEqualTo(before + 3.0);
        // AND the oldest of them waits to be dispatched, which the dispatch lag shows
        clock.advance(Duration.ofSeconds(3));
        gauge.refresh();
        assertThat(meters.get("conveyor.dispatch.lag").tag("type", "noop").gauge().value()).isGreaterThan(2.0);
    }

    @Test
    void leaves_a_recent_submitted_job_to_its_message() {
        Job job = jobs.insert(NewJob.of("noop", Map.of()));

        SweepReport report = sweeper.sweepOnce();

        assertThat(report.lostMessage()).extracting(DispatchResult::jobId).doesNotContain(job.id());
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.SUBMITTED);
    }

    @Test
    void dispatches_each_due_job_once_when_two_replicas_sweep_at_the_same_time() throws Exception {
        // GIVEN 200 jobs that are SCHEDULED and due
        List<UUID> ids = IntStream.range(0, 200).mapToObj(i -> {
            Job job = jobs.insert(NewJob.of("noop", Map.of("i", i)));
            return moves.schedule(job.id(), JobState.SUBMITTED, clock.instant()).orElseThrow().id();
        }).toList();

        // WHEN two replicas, each with its own sweeper and small batches, sweep until nothing is left
        List<DispatchResult> outcomes = new ArrayList<>();
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            List<Future<List<DispatchResult>>> results = new ArrayList<>();
            for (int replica = 0; replica < 2; replica++) {
                Sweeper own = new Sweeper(store, dispatcher, leases, manifests, transactions, meters, clock,
                        Duration.ofSeconds(5), Duration.ofMinutes(10), 20);
                results.add(replicas.submit(sweepUntilEmpty(own)));
            }
            for (Future<List<DispatchResult>> result : results) {
                outcomes.addAll(result.get());
            }
        }

        // THEN every job was queued exactly once, by one replica, with one message
        Set<UUID> ours = new HashSet<>(ids);
        List<UUID> queuedByReplicas = outcomes.stream()
                .filter(outcome -> outcome.kind() == DispatchResult.Kind.QUEUED && ours.contains(outcome.jobId()))
                .map(DispatchResult::jobId)
                .toList();
        assertThat(queuedByReplicas).hasSize(200).doesNotHaveDuplicates();
        for (UUID id : ids) {
            assertThat(testJobs.history(id)).filteredOn(entry -> entry.to() == JobState.QUEUED).hasSize(1);
        }
        Map<UUID, List<JobDispatched>> messages = KafkaProbe.dispatched(Topics.typed("noop"), ours,
                Duration.ofSeconds(1));
        assertThat(messages).hasSize(200);
        assertThat(messages.values()).allSatisfy(perJob -> assertThat(perJob).hasSize(1));
    }

    private static Callable<List<DispatchResult>> sweepUntilEmpty(Sweeper sweeper) {
        return () -> {
            List<DispatchResult> all = new ArrayList<>();
            boolean movedSome;
            do {
                SweepReport report = sweeper.sweepOnce();
                all.addAll(report.due());
                movedSome = report.due().stream().anyMatch(DispatchResult::moved);
            } while (movedSome);
            return all;
        };
    }
}
