package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** No pod runs as root, writes to its image or keeps a capability, whatever the values. */
class PodSecurityTest {

    private static final ConveyorChart CHART = ConveyorChart.withHooksAsObjects();

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void every_pod_runs_as_a_numeric_non_root_user_on_a_read_only_root(ValueSet valueSet) {
        Map<String, Map<String, Object>> pods = CHART.render(valueSet).podSpecs();

        assertThat(pods).as("frontend, scheduler, at least one worker pool and the migration Job")
                .hasSizeGreaterThanOrEqualTo(4);
        pods.forEach((workload, pod) -> {
            assertThat(Tree.at(pod, "securityContext", "runAsNonRoot")).as(workload).isEqualTo(true);
            assertThat(Tree.string(pod, "securityContext", "seccompProfile", "type")).as(workload)
                    .isEqualTo("RuntimeDefault");
            assertThat(pod).as(workload).doesNotContainKeys("hostNetwork", "hostPID", "hostIPC");
            assertThat(Tree.maps(pod, "volumes")).as(workload)
                    .allSatisfy(volume -> assertThat(volume).doesNotContainKey("hostPath"));
            for (Map<String, Object> container : Tree.maps(pod, "containers")) {
                String name = workload + " container " + container.get("name");
                Integer user = Tree.integer(container, "securityContext", "runAsUser") != null
                        ? Tree.integer(container, "securityContext", "runAsUser")
                        : Tree.integer(pod, "securityContext", "runAsUser");
                assertThat(user).as(name + " runAsUser").isNotNull().isPositive();
                assertThat(Tree.at(container, "securityContext", "runAsNonRoot")).as(name).isEqualTo(true);
                assertThat(Tree.at(container, "securityContext", "readOnlyRootFilesystem")).as(name).isEqualTo(true);
                assertThat(Tree.at(container, "securityContext", "allowPrivilegeEscalation")).as(name).isEqualTo(false);
                assertThat(Tree.list(container, "securityContext", "capabilities", "drop")).as(name).containsExactly("ALL");
                assertThat(Tree.list(container, "securityContext", "capabilities", "add")).as(name).isEmpty();
                assertThat(Tree.at(container, "securityContext", "privileged")).as(name).isNotEqualTo(true);
                assertThat(writableMounts(pod, container)).as(name + " writable mounts (emptyDirs or the files claim)")
                        .containsExactlyInAnyOrder("/tmp", "/app/data");
                assertThat(Tree.map(container, "resources", "requests")).as(name).containsKeys("cpu", "memory");
                assertThat(Tree.map(container, "resources", "limits")).as(name).containsKey("memory");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void only_workers_get_a_service_account_token_and_only_to_mark_their_own_pod(ValueSet valueSet) {
        Rendered rendered = CHART.render(valueSet);

        rendered.podSpecs().forEach((workload, pod) -> {
            boolean worker = workload.startsWith("Deployment/conv-worker-");
            if (!worker) {
                assertThat(Tree.at(pod, "automountServiceAccountToken")).as(workload).isEqualTo(false);
            }
        });
        for (Map<String, Object> role : rendered.ofKind("Role")) {
            assertThat(Tree.maps(role, "rules")).singleElement().satisfies(rule -> {
                assertThat(Tree.list(rule, "resources")).containsExactly("pods");
                assertThat(Tree.list(rule, "verbs")).containsExactlyInAnyOrder("get", "patch");
            });
        }
        assertThat(rendered.ofKind("ClusterRole")).isEmpty();
    }

    @Test
    void pod_deletion_cost_rights_follow_their_value() {
        Rendered granted = CHART.render(ValueSet.DEFAULTS);
        Rendered withheld = CHART.render(ValueSet.FIXED_REPLICAS);

        assertThat(granted.has("RoleBinding", "conv-worker-pod-deletion-cost")).isTrue();
        assertThat(Tree.at(granted.one("Deployment", "conv-worker-default"),
                "spec", "template", "spec", "automountServiceAccountToken")).isEqualTo(true);
        Map<String, Object> worker = Rendered.container(granted.one("Deployment", "conv-worker-default"));
        assertThat(Rendered.envValue(worker, "CONVEYOR_WORKER_POD_DELETION_COST_ENABLED")).isEqualTo("true");
        assertThat(Tree.string(Rendered.env(worker).get("POD_NAME"), "valueFrom", "fieldRef", "fieldPath"))
                .isEqualTo("metadata.name");
        assertThat(Tree.string(Rendered.env(worker).get("POD_NAMESPACE"), "valueFrom", "fieldRef", "fieldPath"))
                .isEqualTo("metadata.namespace");
        Map<String, Object> role = granted.one("Role", "conv-worker-pod-deletion-cost");
        assertThat(Tree.maps(role, "rules")).singleElement().satisfies(rule -> {
            assertThat(Tree.list(rule, "apiGroups")).containsExactly("");
            assertThat(Tree.list(rule, "resources")).containsExactly("pods");
            assertThat(Tree.list(rule, "verbs")).containsExactlyInAnyOrder("get", "patch");
        });
        Map<String, Object> binding = granted.one("RoleBinding", "conv-worker-pod-deletion-cost");
        assertThat(Tree.string(binding, "roleRef", "kind")).isEqualTo("Role");
        assertThat(Tree.string(binding, "roleRef", "name")).isEqualTo("conv-worker-pod-deletion-cost");
        assertThat(Tree.maps(binding, "subjects")).singleElement().satisfies(subject -> {
            assertThat(subject.get("kind")).isEqualTo("ServiceAccount");
            assertThat(subject.get("name")).isEqualTo(Tree.string(granted.one("Deployment", "conv-worker-default"),
                    "spec", "template", "spec", "serviceAccountName"));
        });
        assertThat(granted.has("ServiceAccount", "conv-worker")).isTrue();

        assertThat(Rendered.env(Rendered.container(withheld.ofKind("Deployment").stream()
                .filter(deployment -> Tree.string(deployment, "metadata", "name").startsWith("conv-worker-"))
                .findFirst().orElseThrow()))).doesNotContainKey("CONVEYOR_WORKER_POD_DELETION_COST_ENABLED");
        assertThat(withheld.ofKind("Role")).isEmpty();
        assertThat(withheld.ofKind("RoleBinding")).isEmpty();
        assertThat(withheld.podSpecs().values())
                .allSatisfy(pod -> assertThat(Tree.at(pod, "automountServiceAccountToken")).isEqualTo(false));
    }

    @Test
    void values_cannot_make_a_pod_run_as_root() {
        ConveyorChart chart = ConveyorChart.inRepository();

        assertThatThrownBy(() -> chart.render("securityContext: {runAsUser: 0}"))
                .hasMessageContaining("runAsUser");
        assertThatThrownBy(() -> chart.render("podSecurityContext: {runAsNonRoot: false}"))
                .hasMessageContaining("runAsNonRoot");
    }

    private static List<String> writableMounts(Map<String, Object> pod, Map<String, Object> container) {
        List<String> writable = Tree.maps(pod, "volumes").stream()
                .filter(volume -> volume.containsKey("emptyDir") || volume.containsKey("persistentVolumeClaim"))
                .map(volume -> String.valueOf(volume.get("name")))
                .toList();
        return Tree.maps(container, "volumeMounts").stream()
                .filter(mount -> writable.contains(String.valueOf(mount.get("name"))))
                .filter(mount -> !Boolean.TRUE.equals(mount.get("readOnly")))
                .map(mount -> String.valueOf(mount.get("mountPath")))
                .toList();
    }
}
