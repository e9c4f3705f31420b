package dev.conveyor.worker.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.worker.execution.ExecutionSlots;
import dev.conveyor.worker.support.KubernetesApiStub;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pod's deletion cost follows the busy slots, against a real HTTP server standing in for the API server. */
class PodDeletionCostTest {

    @TempDir
    Path serviceAccount;

    private KubernetesApiStub api;
    private ExecutionSlots slots;
    private PodDeletionCost cost;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(serviceAccount.resolve("token"), "service-account-token\n");
        Files.writeString(serviceAccount.resolve("namespace"), "jobs");
        api = KubernetesApiStub.start();
        slots = new ExecutionSlots(4);
        cost = new PodDeletionCost(OwnPod.locate(properties(api.url()), Map.of("POD_NAME", "worker-7f9c")));
        slots.onBusyChange(cost::busyChanged);
    }

    @AfterEach
    void stop() {
        cost.close();
        api.close();
    }

    @Test
    void patches_its_own_pod_with_the_busy_slots_and_zero_when_idle() {
        slots.tryAcquire();
        slots.tryAcquire();
        await().atMost(Duration.ofSeconds(10)).until(() -> lastCost() == 2);

        slots.release();
        slots.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> lastCost() == 0);

        assertThat(api.patches()).allSatisfy(patch -> {
            assertThat(patch.method()).isEqualTo("PATCH");
            assertThat(patch.path()).isEqualTo("/api/v1/namespaces/jobs/pods/worker-7f9c");
            assertThat(patch.contentType()).isEqualTo("application/merge-patch+json");
            assertThat(patch.authorization()).isEqualTo("Bearer service-account-token");
            assertThat(patch.body()).isEqualTo(
                    "{\"metadata\":{\"annotations\":{\"controller.kubernetes.io/pod-deletion-cost\":\"" + patch.cost()
                            + "\"}}}");
        });
    }

    @Test
    void coalesces_changes_with_at_most_one_request_in_flight() {
        api.hold();
        slots.tryAcquire();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.patches().size() == 1);
        // while the first PATCH hangs, the slots change 40 times and end at 3 busy
        for (int i = 0; i < 20; i++) {
            slots.tryAcquire();
            slots.release();
        }
        slots.tryAcquire();
        slots.tryAcquire();

        api.release();

        await().atMost(Duration.ofSeconds(10)).until(() -> lastCost() == 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> lastCost() == 3);
        assertThat(api.costs()).hasSize(2).first().isEqualTo(1);
        assertThat(api.mostInFlight()).isEqualTo(1);
    }

    @Test
    void an_unreachable_api_server_never_reaches_the_slots_and_the_next_change_is_sent_once_it_is_back() {
        api.goDown();

        for (int i = 0; i < 5; i++) {
            assertThat(slots.tryAcquire()).isTrue();
            slots.release();
        }
        assertThat(slots.free()).isEqualTo(4);

        api.comeBack();
        slots.tryAcquire();
        await().atMost(Duration.ofSeconds(10)).until(() -> lastCost() == 1);
    }

    @Test
    void finds_its_pod_and_the_api_server_from_what_kubernetes_gives_every_pod() {
        PodDeletionCostProperties inCluster = new PodDeletionCostProperties(true, null, serviceAccount, null, null,
                Duration.ofSeconds(1));

        assertThatThrownBy(() -> OwnPod.locate(inCluster, Map.of())).hasMessageContaining("POD_NAME");
        assertThatThrownBy(() -> OwnPod.locate(inCluster, Map.of("POD_NAME", "w-1")))
                .hasMessageContaining("KUBERNETES_SERVICE_HOST");
        // over TLS against the cluster's CA, which this directory lacks
        assertThatThrownBy(() -> OwnPod.locate(inCluster, Map.of("POD_NAME", "w-1",
                "KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")))
                .hasMessageContaining(serviceAccount.resolve("ca.crt").toString());
        assertThat(OwnPod.locate(properties(api.url()), Map.of("POD_NAME", "w-1", "POD_NAMESPACE", "batch")).uri())
                .isEqualTo(URI.create(api.url() + "/api/v1/namespaces/batch/pods/w-1"));
    }

    private PodDeletionCostProperties properties(String apiServer) {
        return new PodDeletionCostProperties(true, URI.create(apiServer), serviceAccount, null, null,
                Duration.ofSeconds(2));
    }

    private int lastCost() {
        List<Integer> costs = api.costs();
        return costs.isEmpty() ? -1 : costs.getLast();
    }
}
