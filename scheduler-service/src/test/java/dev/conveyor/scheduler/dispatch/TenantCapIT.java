package dev.conveyor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.scheduler.recovery.Sweeper;
import dev.conveyor.store.DispatchStore;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.store.TestJobs;
import dev.conveyor.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's cap on jobs handed to workers (the base configures capped-* tenants): jobs over it wait, start as the
 * tenant's jobs finish, and none is refused or lost.
 */
class TenantCapIT extends SchedulerIntegrationTest {

    @Autowired
    Dispatcher dispatcher;
    @Autowired
    DispatchStore dispatchStore;
    @Autowired
    JobStore jobs;
    @Autowired
    Sweeper sweeper;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    MutableClock clock;

    TestJobs testJobs;

    @Autowired
    void testJobs(JdbcClient jdbc, JsonColumns jsonColumns, Clock clock) {
        testJobs = new TestJobs(jdbc, jsonColumns, clock);
    }

    @Test
    void jobs_over_the_cap_wait_and_start_one_by_one_as_the_tenants_jobs_finish() {
        // GIVEN five jobs of a tenant capped at two
        String tenant = "capped-events";
        List<UUID> ids = testJobs.aSubmittedJob().forTenant(tenant).insert(5).stream().map(Job::id).toList();

        // WHEN their JobSubmitted arrive together
        List<DispatchResult> outcomes = dispatcher.onSubmitted(ids);

        // THEN two are queued and three are left SUBMITTED: not refused, not failed
        assertThat(outcomes).extracting(DispatchResult::kind)
                .containsExactlyInAnyOrder(DispatchResult.Kind.QUEUED, DispatchResult.Kind.QUEUED,
                        DispatchResult.Kind.LEFT, DispatchResult.Kind.LEFT, DispatchResult.Kind.LEFT);
        assertThat(countIn(tenant, JobState.QUEUED)).isEqualTo(2);
        assertThat(countIn(tenant, JobState.SUBMITTED)).isEqualTo(3);

        // WHEN each handed-out job finishes and reports it, one waiting job takes its slot, until all have run
        for (int finished = 1; finished <= 5; finished++) {
            Job done = testJobs.aSucceededJob().advance(firstIn(tenant, JobState.QUEUED));
            KafkaProbe.publish(Topics.EVENTS, done.id(), new JobSucceeded(1, done.id(), tenant, done.type(),
                    done.attempt(), null, "worker-1", Map.of(), Instant.now()));
            int expectedHandedOut = Math.min(2, 5 - finished);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(countIn(tenant, JobState.QUEUED)).isEqualTo(expectedHandedOut));
            // never more than the cap
            assertThat(countIn(tenant, JobState.SUBMITTED)).isEqualTo(Math.max(0, 3 - finished));
        }

        // THEN every job ran, none was lost
        assertThat(countIn(tenant, JobState.SUCCEEDED)).isEqualTo(5);
    }

    @Test
    void the_sweep_skips_a_full_tenant_and_queues_its_jobs_once_slots_are_free() {
        // GIVEN a tenant capped at two with two jobs handed out, and older SUBMITTED jobs of it and of another tenant
        String tenant = "capped-sweep";
        List<Job> running = testJobs.aRunningJob().forTenant(tenant).insert(2);
        List<UUID> waiting = testJobs.aSubmittedJob().forTenant(tenant).insert(3).stream().map(Job::id).toList();
        UUID other = testJobs.aSubmittedJob().forTenant("uncapped-sweep").insert().id();
        clock.advance(Duration.ofMinutes(1));

        // WHEN the sweep looks for lost messages
        sweeper.sweepOnce();

        // THEN the other tenant's job is queued and the full tenant's are not even looked at
        assertThat(jobs.find(other).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        waiting.forEach(id -> assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.SUBMITTED));

        // WHEN one running job finishes and its event is lost, the next sweep fills the free slot, and only that one
        testJobs.aSucceededJob().advance(running.getFirst().id());
        sweeper.sweepOnce();

        assertThat(countIn(tenant, JobState.QUEUED)).isEqualTo(1);
        assertThat(countIn(tenant, JobState.SUBMITTED)).isEqualTo(2);
    }

    @Test
    void a_released_manifest_job_over_the_cap_becomes_scheduled_and_is_queued_when_a_slot_frees() {
        // GIVEN a tenant capped at one with one job running, and a WAITING job whose dependencies are done
        String tenant = "capped-manifest";
        Job runningJob = testJobs.aRunningJob().forTenant(tenant).insert();
        UUID released = testJobs.aSubmittedJob().forTenant(tenant).insert().id();
        dispatchStore.markWaiting(List.of(released), JobState.SUBMITTED);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        // WHEN its manifest releases it
        DispatchResult result = transaction.execute(status -> dispatcher.release(jobs.find(released).orElseThrow()));

        // THEN it waits SCHEDULED and due, with why in its history
        assertThat(result.kind()).isEqualTo(DispatchResult.Kind.SCHEDULED);
        Job held = jobs.find(released).orElseThrow();
        assertThat(held.state()).isEqualTo(JobState.SCHEDULED);
        // PostgreSQL keeps microseconds, rounded half up
        assertThat(held.notBefore()).isBeforeOrEqualTo(clock.instant().plusNanos(500).truncatedTo(ChronoUnit.MICROS));
        assertThat(testJobs.history(released).getLast().message()).isEqualTo("waiting for a free slot of its tenant");

        // WHEN the running job finishes
        testJobs.aSucceededJob().advance(runningJob.id());
        List<DispatchResult> filled = dispatcher.fillFreeSlots(tenant);

        // THEN the held job takes the slot
        assertThat(filled).extracting(DispatchResult::jobId, DispatchResult::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(released, DispatchResult.Kind.QUEUED));
    }

    @Test
    void two_batches_dispatching_at_once_never_hand_out_more_than_the_cap() throws Exception {
        // GIVEN twenty jobs of a tenant capped at three, in two batches
        String tenant = "capped-race";
        List<UUID> ids = testJobs.aSubmittedJob().forTenant(tenant).insert(20).stream().map(Job::id).toList();
        CountDownLatch start = new CountDownLatch(1);

        // WHEN both batches are dispatched at the same time
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> {
            awaitStart(start);
            dispatcher.onSubmitted(ids.subList(0, 10));
        });
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> {
            awaitStart(start);
            dispatcher.onSubmitted(ids.subList(10, 20));
        });
        start.countDown();
        CompletableFuture.allOf(first, second).get();

        // THEN exactly three are handed out
        assertThat(countIn(tenant, JobState.QUEUED)).isEqualTo(3);
        assertThat(countIn(tenant, JobState.SUBMITTED)).isEqualTo(17);
    }

    private static void awaitStart(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int countIn(String tenant, JobState state) {
        return jdbc.sql("SELECT count(*) FROM conveyor.job WHERE tenant = :tenant AND state = :state")
                .param("tenant", tenant).param("state", state.name()).query(Integer.class).single();
    }

    private UUID firstIn(String tenant, JobState state) {
        return jdbc.sql("SELECT id FROM conveyor.job WHERE tenant = :tenant AND state = :state ORDER BY created_at LIMIT 1")
                .param("tenant", tenant).param("state", state.name()).query(UUID.class).single();
    }
}
