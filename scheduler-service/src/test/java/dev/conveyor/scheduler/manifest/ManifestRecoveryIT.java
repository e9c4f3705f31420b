package dev.conveyor.scheduler.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.common.event.ManifestSucceeded;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.NewManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** Manifests advanced by replicas racing each other, and by the sweep when events were lost. */
class ManifestRecoveryIT extends ManifestIntegrationTest {

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
