package dev.conveyor.scheduler.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import dev.conveyor.store.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.common.event.JobCancelled;
import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.common.event.ManifestEvent;
import dev.conveyor.common.event.ManifestFailed;
import dev.conveyor.common.event.ManifestSucceeded;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.scheduler.recovery.Sweeper;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobEventRecord;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.ManifestStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.NewManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class ManifestIT extends SchedulerIntegrationTest {

    private static final String TYPE = "manifest-step";
    private static final String TOPIC = Topics.typed(TYPE);
    private static final String WORKER = "worker-1";

    @Autowired
    ManifestStore manifests;

    @Autowired
    JobStore jobs;
    JobMoves moves;
    TestJobs testJobs;

    @Autowired
    ManifestOutcomeHandler handler;

    @Autowired
    Sweeper sweeper;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** load -> transform -> check -> export, and side (a branch off load). Ids by key. */
    record Pipeline(UUID id, Map<String, UUID> jobs) {
        UUID job(String key) {
            return jobs.get(key);
        }
    }

    private Pipeline pipeline(Map<String, Object> transformParams) {
        UUID manifestId = UUID.randomUUID();
        Map<String, UUID> ids = new java.util.LinkedHashMap<>();
        for (String key : List.of("load", "transform", "check", "export", "side")) {
            ids.put(key, UUID.randomUUID());
        }
        Map<String, List<String>> dependsOn = Map.of(
                "load", List.of(),
                "transform", List.of("load"),
                "check", List.of("transform"),
                "export", List.of("check"),
                "side", List.of("load"));
        List<NewJob> newJobs = new ArrayList<>();
        for (String key : ids.keySet()) {
            Map<String, Object> params = key.equals("transform") ? transformParams : Map.of("step", key);
            newJobs.add(NewJob.of(TYPE, params).withId(ids.get(key))
                    .inManifest(manifestId, key, dependsOn.get(key).size()));
        }
        Map<UUID, List<UUID>> edges = new java.util.HashMap<>();
        dependsOn.forEach((key, ups) -> {
            if (!ups.isEmpty()) {
                edges.put(ids.get(key), ups.stream().map(ids::get).toList());
            }
        });
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> manifests.insert(
                new NewManifest(manifestId, "default", "pipeline", Map.of(), null, null, newJobs, edges)));
        return new Pipeline(manifestId, ids);
    }

    /** As a worker would: the job is already QUEUED (or SUBMITTED for a root), claim it and finish it. */
    private Job runToSuccess(UUID jobId, Map<String, Object> result) {
        return testJobs.aSucceededJob().leasedBy(WORKER).withLease(Duration.ofMinutes(5)).withResult(result)
                .advance(jobId);
    }

    private Job claim(UUID jobId) {
        return testJobs.aRunningJob().leasedBy(WORKER).withLease(Duration.ofMinutes(5)).advance(jobId);
    }

    private static JobSucceeded succeeded(Job job) {
        return new JobSucceeded(JobLifecycleEvent.SCHEMA_VERSION, job.id(), job.tenant(), job.type(), job.attempt(),
                job.manifestId(), WORKER, job.result(), job.finishedAt());
    }

    private JobState state(UUID jobId) {
        return jobs.find(jobId).orElseThrow().state();
    }

    private Map<UUID, List<ManifestEvent>> manifestEvents(UUID manifestId) {
        return KafkaProbe.messages(Topics.MANIFEST_EVENTS, ManifestEvent.class, ManifestEvent::manifestId,
                Set.of(manifestId), Duration.ofSeconds(1));
    }

    @Autowired
    void moves(JdbcClient jdbc, JsonColumns json, Clock clock) {
        moves = new JobMoves(jdbc, json, clock);
        testJobs = new TestJobs(jdbc, json, clock);
    }

    @Test
    void dispatches_the_dependent_with_resolved_references_when_the_upstream_succeeds_on_kafka() {
        // GIVEN a pipeline whose transform refers to load's result
        Pipeline pipeline = pipeline(Map.of(
                "sql", "SELECT * FROM ${jobs.load.result.table}",
                "rows", "${jobs.load.result.rows}",
                "target", Map.of("files", List.of("${jobs.load.result.files.first}"))));

        // WHEN load succeeds and its worker reports it on conveyor.jobs.events
        Job load = runToSuccess(pipeline.job("load"), Map.of("table", "staging.orders", "rows", 42,
                "files", Map.of("first", "part-0.parquet")));
        KafkaProbe.publish(Topics.EVENTS, load.id(), succeeded(load));

        // THEN transform and side are dispatched, transform with its references resolved (message and row)
        await().atMost(Duration.ofSeconds(30)).until(() -> state(pipeline.job("transform")) == JobState.QUEUED
                && state(pipeline.job("side")) == JobState.QUEUED);
        Map<String, Object> expected = Map.of(
                "sql", "SELECT * FROM staging.orders",
                "rows", 42,
                "target", Map.of("files", List.of("part-0.parquet")));
        Map<UUID, List<JobDispatched>> sent = KafkaProbe.dispatched(TOPIC,
                Set.of(pipeline.job("transform"), pipeline.job("side")), Duration.ofMillis(500));
        assertThat(sent.get(pipeline.job("transform"))).singleElement()
                .satisfies(message -> {
                    assertThat(message.params()).isEqualTo(expected);
                    assertThat(message.manifestId()).isEqualTo(pipeline.id());
                });
        assertThat(sent.get(pipeline.job("side"))).hasSize(1);
        Job transform = jobs.find(pipeline.job("transform")).orElseThrow();
        assertThat(transform.params()).isEqualTo(expected);
        assertThat(transform.pendingDependencies()).isZero();
        assertThat(state(pipeline.job("check"))).isEqualTo(JobState.WAITING);
    }

    @Test
    void a_failure_for_good_skips_transitive_dependents_while_the_side_branch_goes_on() {
        Pipeline pipeline = pipeline(Map.of("sql", "SELECT 1"));
        handler.handle(succeeded(runToSuccess(pipeline.job("load"), Map.of("table", "t"))));

        // WHEN transform fails for good
        Job running = claim(pipeline.job("transform"));
        Job failed = moves.fail(running.id(), WORKER, running.attempt(), "boom").orElseThrow();
        handler.handle(new JobFailed(1, failed.id(), failed.tenant(), failed.type(), failed.attempt(), pipeline.id(),
                WORKER, "boom", false, failed.finishedAt()));

        // THEN check and export are skipped, naming the cause, and side still runs; the manifest is not done
        assertThat(state(pipeline.job("check"))).isEqualTo(JobState.SKIPPED);
        assertThat(state(pipeline.job("export"))).isEqualTo(JobState.SKIPPED);
        assertThat(testJobs.history(pipeline.job("export"))).last().extracting(JobEventRecord::message)
                .isEqualTo("skipped: transform failed");
        assertThat(state(pipeline.job("side"))).isEqualTo(JobState.QUEUED);
        assertThat(manifests.find(pipeline.id()).orElseThrow().state()).isEqualTo(ManifestState.RUNNING);

        // WHEN side succeeds
        handler.handle(succeeded(runToSuccess(pipeline.job("side"), Map.of())));

        // THEN the manifest failed, announced once with the failed job
        assertThat(manifests.find(pipeline.id()).orElseThrow().state()).isEqualTo(ManifestState.FAILED);
        assertThat(manifestEvents(pipeline.id()).get(pipeline.id())).singleElement()
                .isInstanceOfSatisfying(ManifestFailed.class, event -> {
                    assertThat(event.state()).isEqualTo("FAILED");
                    assertThat(event.failedJobs()).containsExactly("transform");
                    assertThat(event.name()).isEqualTo("pipeline");
                });
    }

    @Test
    void a_failure_that_will_be_retried_changes_nothing() {
        Pipeline pipeline = pipeline(Map.of());
        Job load = claim(pipeline.job("load"));

        handler.handle(new JobFailed(1, load.id(), load.tenant(), load.type(), load.attempt(), pipeline.id(), WORKER,
                "transient", true, load.startedAt()));

        assertThat(state(pipeline.job("transform"))).isEqualTo(JobState.WAITING);
        assertThat(state(pipeline.job("side"))).isEqualTo(JobState.WAITING);
    }

    @Test
    void a_cancelled_job_skips_its_dependents_and_the_manifest_ends_cancelled() {
        Pipeline pipeline = pipeline(Map.of());
        Job load = jobs.cancel(pipeline.job("load"), JobState.SUBMITTED, "cancelled by a user").orElseThrow();

        handler.handle(new JobCancelled(1, load.id(), load.tenant(), load.type(), load.attempt(), pipeline.id(), null,
                "cancelled by a user", load.finishedAt()));

        for (String key : List.of("transform", "check", "export", "side")) {
            assertThat(state(pipeline.job(key))).as(key).isEqualTo(JobState.SKIPPED);
        }
        assertThat(testJobs.history(pipeline.job("export"))).last().extracting(JobEventRecord::message)
                .isEqualTo("skipped: load was cancelled");
        assertThat(manifests.find(pipeline.id()).orElseThrow().state()).isEqualTo(ManifestState.CANCELLED);
        assertThat(manifestEvents(pipeline.id()).get(pipeline.id())).singleElement()
                .isInstanceOfSatisfying(ManifestFailed.class, event -> {
                    assertThat(event.state()).isEqualTo("CANCELLED");
                    assertThat(event.failedJobs()).containsExactly("load");
                });
    }

    @Test
    void all_jobs_succeeding_finish_the_manifest_once_and_duplicates_change_nothing() {
        Pipeline pipeline = pipeline(Map.of("table", "${jobs.load.result.table}"));
        handler.handle(succeeded(runToSuccess(pipeline.job("load"), Map.of("table", "t"))));
        JobSucceeded transformDone = succeeded(runToSuccess(pipeline.job("transform"), Map.of()));
        handler.handle(transformDone);

        // WHEN the same success is reported again
        List<JobEventRecord> checkHistory = testJobs.history(pipeline.job("check"));
        handler.handle(transformDone);
        handler.handle(transformDone);

        // THEN nothing moved a second time
        assertThat(testJobs.history(pipeline.job("check"))).isEqualTo(checkHistory);
        assertThat(KafkaProbe.dispatched(TOPIC, Set.of(pipeline.job("check")), Duration.ofMillis(500))
                .get(pipeline.job("check"))).hasSize(1);

        for (String key : List.of("check", "side", "export")) {
            handler.handle(succeeded(runToSuccess(pipeline.job(key), Map.of("ok", true))));
        }
        assertThat(manifests.find(pipeline.id()).orElseThrow().state()).isEqualTo(ManifestState.SUCCEEDED);
        handler.handle(succeeded(jobs.find(pipeline.job("export")).orElseThrow()));

        assertThat(manifestEvents(pipeline.id()).get(pipeline.id())).singleElement()
                .isInstanceOf(ManifestSucceeded.class);
    }

    @Test
    void an_unresolvable_reference_fails_the_job_with_a_clear_error_and_skips_its_dependents() {
        Pipeline pipeline = pipeline(Map.of("sql", "SELECT * FROM ${jobs.load.result.table}"));

        handler.handle(succeeded(runToSuccess(pipeline.job("load"), Map.of("rows", 3))));

        Job transform = jobs.find(pipeline.job("transform")).orElseThrow();
        assertThat(transform.state()).isEqualTo(JobState.FAILED);
        assertThat(transform.error())
                .isEqualTo("cannot resolve ${jobs.load.result.table}: job 'load' has no result field 'table'");
        assertThat(transform.params()).containsEntry("sql", "SELECT * FROM ${jobs.load.result.table}");
        assertThat(state(pipeline.job("check"))).isEqualTo(JobState.SKIPPED);
        assertThat(state(pipeline.job("export"))).isEqualTo(JobState.SKIPPED);
        assertThat(state(pipeline.job("side"))).isEqualTo(JobState.QUEUED);
    }

    @Test
    void two_upstream_successes_handled_at_once_dispatch_the_join_exactly_once() throws Exception {
        List<UUID> joins = new ArrayList<>();
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 30; round++) {
                // GIVEN a and b have both succeeded and join waits for both
                UUID manifestId = UUID.randomUUID(), a = UUID.randomUUID(), b = UUID.randomUUID(),
                        join = UUID.randomUUID();
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> manifests.insert(
                        new NewManifest(manifestId, "default", "diamond", Map.of(), null, null, List.of(
                                NewJob.of(TYPE, Map.of()).withId(a).inManifest(manifestId, "a", 0),
                                NewJob.of(TYPE, Map.of()).withId(b).inManifest(manifestId, "b", 0),
                                NewJob.of(TYPE, Map.of("from", "${jobs.a.result.n}")).withId(join)
                                        .inManifest(manifestId, "join", 2)),
                                Map.of(join, List.of(a, b)))));
                List<JobSucceeded> events = List.of(succeeded(runToSuccess(a, Map.of("n", 1))),
                        succeeded(runToSuccess(b, Map.of())));

                // WHEN two replicas handle the two successes at the same time
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> handled = new ArrayList<>();
                for (JobSucceeded event : events) {
                    handled.add(replicas.submit(() -> {
                        together.await();
                        handler.handle(event);
                        return null;
                    }));
                }
                for (Future<?> done : handled) {
                    done.get();
                }

                // THEN join was queued once
                assertThat(testJobs.history(join)).as("round %d", round)
                        .filteredOn(entry -> entry.to() == JobState.QUEUED).hasSize(1);
                assertThat(jobs.find(join).orElseThrow().pendingDependencies()).isZero();
                joins.add(join);
            }
        }
        // and sent once
        Map<UUID, List<JobDispatched>> sent = KafkaProbe.dispatched(TOPIC, new HashSet<>(joins), Duration.ofSeconds(1));
        assertThat(sent).hasSize(30);
        assertThat(sent.values()).allSatisfy(messages -> {
            assertThat(messages).hasSize(1);
            assertThat(messages.getFirst().params()).containsEntry("from", 1);
        });
    }

    @Test
    void the_sweep_advances_a_manifest_whose_events_were_lost() {
        Pipeline pipeline = pipeline(Map.of());

        // GIVEN load succeeded but its event never arrived
        runToSuccess(pipeline.job("load"), Map.of());

        // WHEN the sweep runs, THEN its dependents are dispatched
        sweeper.sweepOnce();
        assertThat(state(pipeline.job("transform"))).isEqualTo(JobState.QUEUED);
        assertThat(state(pipeline.job("side"))).isEqualTo(JobState.QUEUED);
        assertThat(jobs.find(pipeline.job("transform")).orElseThrow().pendingDependencies()).isZero();

        // GIVEN every job then succeeded and the events were all lost
        for (String key : List.of("transform", "side")) {
            runToSuccess(pipeline.job(key), Map.of());
        }
        sweeper.sweepOnce();
        runToSuccess(pipeline.job("check"), Map.of());
        sweeper.sweepOnce();
        runToSuccess(pipeline.job("export"), Map.of());
        assertThat(manifests.find(pipeline.id()).orElseThrow().state()).isEqualTo(ManifestState.RUNNING);

        // WHEN the sweep runs, THEN the manifest is finished and announced once
        sweeper.sweepOnce();
        sweeper.sweepOnce();
        assertThat(manifests.find(pipeline.id()).orElseThrow().state()).isEqualTo(ManifestState.SUCCEEDED);
        assertThat(manifestEvents(pipeline.id()).get(pipeline.id())).singleElement()
                .isInstanceOf(ManifestSucceeded.class);
    }
}
