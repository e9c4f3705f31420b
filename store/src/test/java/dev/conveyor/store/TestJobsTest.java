package dev.conveyor.store;

import static dev.conveyor.common.job.JobState.CANCELLED;
import static dev.conveyor.common.job.JobState.FAILED;
import static dev.conveyor.common.job.JobState.QUEUED;
import static dev.conveyor.common.job.JobState.RUNNING;
import static dev.conveyor.common.job.JobState.SCHEDULED;
import static dev.conveyor.common.job.JobState.SUBMITTED;
import static dev.conveyor.common.job.JobState.SUCCEEDED;
import static dev.conveyor.store.ConveyorAssertions.assertThat;
import static dev.conveyor.store.ConveyorAssertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestJobsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static TestJobs testJobs;

    @BeforeAll
    static void migrate() {
        testJobs = TestJobs.on(MigratedDatabase.create(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void each_builder_moves_its_job_along_the_production_path() {
        assertThat(testJobs.stored(testJobs.aSubmittedJob().insert())).hasState(SUBMITTED).hasHistory(SUBMITTED);
        assertThat(testJobs.stored(testJobs.aScheduledJob().insert())).hasState(SCHEDULED)
                .hasHistory(SUBMITTED, SCHEDULED);
        assertThat(testJobs.stored(testJobs.aQueuedJob().insert())).hasState(QUEUED).hasHistory(SUBMITTED, QUEUED);
        assertThat(testJobs.stored(testJobs.aRunningJob().insert())).hasState(RUNNING).isLeasedBy("worker-1")
                .hasAttempt(1).hasHistory(SUBMITTED, QUEUED, RUNNING);
        assertThat(testJobs.stored(testJobs.aSucceededJob().insert())).hasState(SUCCEEDED).hasNoLease()
                .hasHistory(SUBMITTED, QUEUED, RUNNING, SUCCEEDED);
        assertThat(testJobs.stored(testJobs.aFailedJob().withError("broken").insert())).hasState(FAILED)
                .hasError("broken").hasLastWorker("worker-1").hasHistory(SUBMITTED, QUEUED, RUNNING, FAILED);
        assertThat(testJobs.stored(testJobs.aCancelledJob().withMessage("not needed").insert())).hasState(CANCELLED)
                .hasLastMessage("not needed").hasHistory(SUBMITTED, CANCELLED);
    }

    @Test
    void options_describe_the_job_and_its_attempt() {
        Job parent = testJobs.aSubmittedJob().insert();

        Job job = testJobs.aRunningJob().ofType("load").forTenant("acme").withParams(Map.of("table", "t"))
                .withLabels(Map.of("team", "data")).withMaxAttempts(5).withTimeout(Duration.ofMinutes(2))
                .childOf(parent).onAttempt(3).leasedBy("worker-9").withLease(Duration.ofSeconds(30)).insert();

        assertThat(job.type()).isEqualTo("load");
        assertThat(job.tenant()).isEqualTo("acme");
        assertThat(job.params()).isEqualTo(Map.of("table", "t"));
        assertThat(job.labels()).isEqualTo(Map.of("team", "data"));
        assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(job.parentId()).isEqualTo(parent.id());
        assertThat(job.depth()).isEqualTo(1);
        assertThat(job.leaseUntil()).isEqualTo(NOW.plusSeconds(30));
        assertThat(testJobs.stored(job)).hasAttempt(3).isLeasedBy("worker-9").hasMovedTo(RUNNING, 3)
                .hasHistory(SUBMITTED, QUEUED, RUNNING, SCHEDULED, QUEUED, RUNNING, SCHEDULED, QUEUED, RUNNING);
    }

    @Test
    void a_job_in_a_manifest_has_its_manifest_and_key() {
        Job job = testJobs.aQueuedJob().inManifest("extract").insert();

        assertThat(job.manifestId()).isNotNull();
        assertThat(job.jobKey()).isEqualTo("extract");
        assertThat(testJobs.stored(job)).hasHistory(SUBMITTED, QUEUED);
    }

    @Test
    void advances_a_stored_job_from_where_it_is() {
        Job queued = testJobs.aQueuedJob().insert();

        Job done = testJobs.aSucceededJob().withResult(Map.of("rows", 2)).advance(queued.id());

        assertThat(done.result()).isEqualTo(Map.of("rows", 2));
        assertThat(testJobs.stored(done)).hasHistory(SUBMITTED, QUEUED, RUNNING, SUCCEEDED);
    }

    @Test
    void a_builder_used_again_inserts_new_jobs() {
        TestJobBuilder queued = testJobs.aQueuedJob();

        assertThat(queued.insert(3)).extracting(Job::id).doesNotHaveDuplicates().hasSize(3);
        assertThat(queued.insert().id()).isNotNull();
    }

    @Test
    void a_failed_assertion_names_the_job_and_both_states() {
        Job job = testJobs.aQueuedJob().insert();

        assertThatThrownBy(() -> assertThat(testJobs.stored(job)).hasState(RUNNING))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(job.id().toString()).hasMessageContaining("RUNNING").hasMessageContaining("QUEUED");
        assertThatThrownBy(() -> assertThat(testJobs.stored(job)).hasHistory(SUBMITTED))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[SUBMITTED, QUEUED]");
    }
}
