package dev.conveyor.scheduler.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.event.JobCancelled;
import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.common.event.ManifestFailed;
import dev.conveyor.common.event.ManifestSucceeded;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobEventRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Manifests advanced by the events of their jobs. */
class ManifestIT extends ManifestIntegrationTest {

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
}
