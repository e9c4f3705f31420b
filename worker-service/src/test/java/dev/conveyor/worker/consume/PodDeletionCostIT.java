package dev.conveyor.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.NewJob;
import dev.conveyor.worker.support.KubernetesApiStub.Patch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker tells Kubernetes (here a real HTTP server standing in for the API server) how costly its pod is to
 * delete while it runs jobs, and a missing API server never fails a job.
 */
class PodDeletionCostIT extends WorkerIntegrationTest {

    @Test
    void a_busy_worker_raises_its_pods_deletion_cost_and_sets_it_back_to_zero_when_idle() {
        KUBERNETES.clear();
        Job job = queued(NewJob.of("sleep", Map.of("seconds", 1)));

        kafka.dispatch(job);

        awaitState(job.id(), JobState.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Integer> costs = KUBERNETES.costs();
            assertThat(costs).as("costs patched").anySatisfy(cost -> assertThat(cost).isPositive());
            assertThat(costs.getLast()).as("cost once idle").isZero();
        });
        assertThat(KUBERNETES.patches()).extracting(Patch::path).containsOnly("/api/v1/namespaces/conveyor/pods/worker-it");
    }

    @Test
    void jobs_still_succeed_while_the_api_server_is_down() {
        KUBERNETES.goDown();
        try {
            Job job = queued(NewJob.of("sleep", Map.of("seconds", 0.2)));

            kafka.dispatch(job);

            assertThat(awaitState(job.id(), JobState.SUCCEEDED).attempt()).isEqualTo(1);
        } finally {
            KUBERNETES.comeBack();
        }
    }
}
