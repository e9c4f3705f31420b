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
import dev.conveyor.scheduler.recovery.Sweeper;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobEventRecord;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.TestJobs;
import dev.conveyor.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DispatchIT extends SchedulerIntegrationTest {

    @Autowired
    JobStore jobs;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Sweeper sweeper;

    @Autowired
    MutableClock clock;

    @Autowired
    TestJobs testJobs;

    @Test
    void queues_a_submitted_job_and_publishes_it_on_its_typed_topic() {
        // GIVEN a stored job that already made one attempt
        Job job = jobs.insert(NewJob.of("noop", Map.of("rows", 3, "table", "orders"))
                .withTimeout(Duration.ofMinutes(2)));

        // WHEN the API announces it
        submit(job);

        // THEN it is QUEUED and its JobDispatched is on conveyor.jobs.noop
        awaitState(job.id(), JobState.QUEUED);
        JobDispatched dispatched = onlyMessage(Topics.typed("noop"), job.id());
        assertThat(dispatched.jobId()).isEqualTo(job.id());
        assertThat(dispatched.params()).isEqualTo(Map.of("rows", 3, "table", "orders"));
        assertThat(dispatched.attempt()).isZero();
        assertThat(dispatched.type()).isEqualTo("noop");
        assertThat(dispatched.tenant()).isEqualTo(NewJob.DEFAULT_TENANT);
        assertThat(dispatched.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(dispatched.schemaVersion()).isEqualTo(JobDispatched.SCHEMA_VERSION);
    }

    @Test
    void a_route_sends_one_tenants_type_to_its_own_topic() {
        Job acme = jobs.insert(NewJob.of("sql", Map.of("query", "select 1")).withTenant("acme"));

        submit(acme);

        awaitState(acme.id(), JobState.QUEUED);
        assertThat(onlyMessage(ACME_SQL_TOPIC, acme.id()).tenant()).isEqualTo("acme");
        assertThat(KafkaProbe.partitionCount(ACME_SQL_TOPIC)).isEqualTo(12);
    }

    @Test
    void a_typed_topic_created_by_first_use_gets_twelve_partitions() {
        String type = "first-use-" + UUID.randomUUID().toString().substring(0, 8);
        Job job = jobs.insert(NewJob.of(type, Map.of()));

        submit(job);

        awaitState(job.id(), JobState.QUEUED);
        onlyMessage(Topics.typed(type), job.id());
        assertThat(KafkaProbe.partitionCount(Topics.typed(type))).isEqualTo(12);
    }

    @Test
    void a_job_due_later_is_scheduled_and_dispatched_by_the_sweep_once_due() {
        // GIVEN a job that must not run for an hour
        Job job = jobs.insert(NewJob.of("noop", Map.of()).withNotBefore(clock.instant().plus(Duration.ofHours(1))));

        // WHEN it is announced
        submit(job);

        // THEN it waits as SCHEDULED, and nothing is dispatched before its time
        awaitState(job.id(), JobState.SCHEDULED);
        assertThat(sweeperFindsNothingFor(job.id())).isTrue();

        // WHEN the hour has passed and the sweep runs
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        sweeper.sweepOnce();

        // THEN it is QUEUED and dispatched
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        onlyMessage(Topics.typed("noop"), job.id());
    }

    @Test
    void a_submitted_job_with_pending_dependencies_waits() {
        Job job = testJobs.aSubmittedJob().withPendingDependencies(2).insert();

        submit(job);

        awaitState(job.id(), JobState.WAITING);
        assertThat(testJobs.history(job.id())).extracting(JobEventRecord::to)
                .containsExactly(JobState.SUBMITTED, JobState.WAITING);
    }

    @Test
    void a_duplicate_job_submitted_does_not_dispatch_twice() {
        Job job = jobs.insert(NewJob.of("noop", Map.of("n", 1)));

        submit(job);
        submit(job);

        awaitState(job.id(), JobState.QUEUED);
        // the second message is ignored once it is read; give it time to be read
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> queuedEntries(job.id()) == 1);
        onlyMessage(Topics.typed("noop"), job.id());
    }

    @Test
    void a_message_for_an_unknown_job_is_ignored() {
        assertThat(dispatcher.onSubmitted(UUID.randomUUID()).kind()).isEqualTo(DispatchResult.Kind.LEFT);
    }

    @Test
    void a_failed_send_leaves_the_job_submitted_for_the_sweep() {
        // GIVEN a job whose JobDispatched is larger than the producer accepts, so Kafka refuses it
        Job job = jobs.insert(NewJob.of("noop", Map.of("blob", "x".repeat(2 * 1024 * 1024))));

        // WHEN it is dispatched, THEN the refusal surfaces
        assertThatThrownBy(() -> dispatcher.onSubmitted(job.id()))
                .isInstanceOf(DispatchNotAcknowledgedException.class);

        // AND the job is still SUBMITTED, never having been QUEUED
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.SUBMITTED);
        assertThat(queuedEntries(job.id())).isZero();
        jobs.cancel(job.id(), JobState.SUBMITTED, "test clean-up: keep it out of later sweeps");
    }

    @Test
    void a_job_whose_type_makes_no_valid_topic_fails_without_running() {
        Job job = jobs.insert(NewJob.of("not a topic", Map.of()));

        assertThat(dispatcher.onSubmitted(job.id()).kind()).isEqualTo(DispatchResult.Kind.FAILED);

        Job failed = jobs.find(job.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).contains("conveyor.jobs.not a topic");
    }

    private boolean sweeperFindsNothingFor(UUID id) {
        return sweeper.sweepOnce().moved().stream().noneMatch(outcome -> outcome.jobId().equals(id));
    }

    private long queuedEntries(UUID id) {
        return testJobs.history(id).stream().filter(entry -> entry.to() == JobState.QUEUED).count();
    }

    private static void submit(Job job) {
        KafkaProbe.publish(Topics.SUBMITTED, job.id(), JobSubmitted.of(job.id(), job.tenant(), job.type(), job.createdAt()));
    }

    private void awaitState(UUID id, JobState state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(state));
    }

    private static JobDispatched onlyMessage(String topic, UUID id) {
        List<JobDispatched> messages = KafkaProbe.dispatched(topic, Set.of(id), Duration.ofMillis(500)).get(id);
        assertThat(messages).as("JobDispatched for %s on %s", id, topic).hasSize(1);
        return messages.get(0);
    }
}
