package dev.conveyor.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import dev.conveyor.store.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import dev.conveyor.store.TestJobs;
import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.dispatch.Outcome;
import dev.conveyor.scheduler.manifest.ManifestSweeper;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

class SweepIT extends SchedulerIntegrationTest {

    @Autowired
    JobStore jobs;
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
    PlatformTransactionManager transactionManager;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MutableClock clock;

    @Autowired
    JobStateGauge gauge;

    @Autowired
    void testJobs(JdbcClient jdbc, JsonColumns json, Clock clock) {
        testJobs = new TestJobs(jdbc, json, clock);
    }

    @Test
    void dispatches_a_submitted_job_whose_message_was_lost() {
        // GIVEN a job the API stored but never announced
        Job job = testJobs.aSubmittedJob().withParams(Map.of("lost", true)).insert();

        // WHEN it is older than the lost-message delay and the sweep runs
        clock.advance(Duration.ofSeconds(6));
        SweepReport report = sweeper.sweepOnce();

        // THEN the sweep queued and dispatched it
        assertThat(report.lostMessage()).filteredOn(outcome -> outcome.jobId().equals(job.id()))
                .extracting(Outcome::kind).containsExactly(Outcome.Kind.QUEUED);
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(KafkaProbe.dispatched(Topics.typed("noop"), Set.of(job.id()), Duration.ofMillis(500))
                .get(job.id())).hasSize(1);
        assertThat(meters.counter("conveyor.sweep.recovered", "reason", "lost-message").count()).isPositive();
    }

    @Test
    void the_state_gauge_counts_jobs_when_refreshed() {
        testJobs.aSubmittedJob().insert();

        gauge.refresh();

        assertThat(gauge.count(JobState.SUBMITTED)).isPositive();
        assertThat(meters.get("conveyor.jobs.state").tag("state", "SUBMITTED").gauge().value()).isPositive();
    }

    @Test
    void leaves_a_recent_submitted_job_to_its_message() {
        Job job = testJobs.aSubmittedJob().insert();

        SweepReport report = sweeper.sweepOnce();

        assertThat(report.lostMessage()).extracting(Outcome::jobId).doesNotContain(job.id());
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.SUBMITTED);
    }

    @Test
    void dispatches_each_due_job_once_when_two_replicas_sweep_at_the_same_time() throws Exception {
        // GIVEN 200 jobs that are SCHEDULED and due
        List<UUID> ids = testJobs.aScheduledJob().dueAt(clock.instant()).insert(200).stream().map(Job::id).toList();

        // WHEN two replicas, each with its own sweeper and small batches, sweep until nothing is left
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            List<Future<List<Outcome>>> results = new ArrayList<>();
            for (int replica = 0; replica < 2; replica++) {
                Sweeper own = new Sweeper(store, dispatcher, leases, manifests, transactionManager, meters, clock,
                        Duration.ofSeconds(5), Duration.ofMinutes(10), 20);
                results.add(replicas.submit(sweepUntilEmpty(own)));
            }
            for (Future<List<Outcome>> result : results) {
                outcomes.addAll(result.get());
            }
        }

        // THEN every job was queued exactly once, by one replica, with one message
        Set<UUID> ours = new HashSet<>(ids);
        List<UUID> queuedByReplicas = outcomes.stream()
                .filter(outcome -> outcome.kind() == Outcome.Kind.QUEUED && ours.contains(outcome.jobId()))
                .map(Outcome::jobId)
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

    private static Callable<List<Outcome>> sweepUntilEmpty(Sweeper sweeper) {
        return () -> {
            List<Outcome> all = new ArrayList<>();
            boolean movedSome;
            do {
                SweepReport report = sweeper.sweepOnce();
                all.addAll(report.due());
                movedSome = report.due().stream().anyMatch(Outcome::moved);
            } while (movedSome);
            return all;
        };
    }
}
