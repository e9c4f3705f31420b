package dev.conveyor.common.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestGraphTest {

    private static Map<String, List<String>> graph(Object... keyThenDeps) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < keyThenDeps.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> deps = (List<String>) keyThenDeps[i + 1];
            map.put((String) keyThenDeps[i], deps);
        }
        return map;
    }

    @Test
    void accepts_a_diamond_and_knows_the_dependents() {
        ManifestGraph graph = ManifestGraph.of(graph(
                "load", List.of(), "left", List.of("load"), "right", List.of("load"), "join", List.of("left", "right")));

        assertThat(graph.dependents("load")).containsExactly("left", "right");
        assertThat(graph.transitiveDependents("load")).containsExactlyInAnyOrder("left", "right", "join");
        assertThat(graph.transitiveDependents("join")).isEmpty();
    }

    @Test
    void names_the_cycle() {
        assertThatThrownBy(() -> ManifestGraph.of(graph(
                "a", List.of("c"), "b", List.of("a"), "c", List.of("b"), "d", List.of())))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("cycle")
                .hasMessageMatching(".*(a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c).*");
    }

    @Test
    void rejects_a_dependency_outside_the_manifest() {
        assertThatThrownBy(() -> ManifestGraph.of(graph("a", List.of("ghost"))))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("ghost")
                .satisfies(e -> assertThat(((InvalidManifestException) e).field()).isEqualTo("jobs[a].dependsOn"));
    }

    @Test
    void rejects_a_job_depending_on_itself() {
        assertThatThrownBy(() -> ManifestGraph.of(graph("a", List.of("a"))))
                .hasMessageContaining("depends on itself");
    }

    @Test
    void rejects_empty_and_oversized_manifests() {
        assertThatThrownBy(() -> ManifestGraph.of(Map.of())).hasMessageContaining("at least one job");
        Map<String, List<String>> big = new LinkedHashMap<>();
        for (int i = 0; i <= ManifestGraph.MAX_JOBS; i++) {
            big.put("job-" + i, List.of());
        }
        assertThatThrownBy(() -> ManifestGraph.of(big)).hasMessageContaining("at most 1000");
    }

    @Test
    void a_long_chain_is_no_problem() {
        Map<String, List<String>> chain = new LinkedHashMap<>();
        chain.put("job-0", List.of());
        for (int i = 1; i < ManifestGraph.MAX_JOBS; i++) {
            chain.put("job-" + i, List.of("job-" + (i - 1)));
        }

        assertThat(ManifestGraph.of(chain).transitiveDependents("job-0")).hasSize(ManifestGraph.MAX_JOBS - 1);
    }

    @Test
    void finds_duplicate_keys() {
        assertThat(ManifestGraph.duplicateKeys(List.of("a", "b", "a", "c", "b", "a"))).containsExactly("a", "b");
    }
}
