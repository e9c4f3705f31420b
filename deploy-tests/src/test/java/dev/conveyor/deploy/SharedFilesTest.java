package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files directory: a file-arrival trigger works only when the scheduler that scans a directory, the frontend
 * that checks it and the worker that loads its files see the same files, which a shared claim gives every service.
 */
class SharedFilesTest {

    private static final ConveyorChart CHART = ConveyorChart.inRepository();

    @Test
    void a_shared_claim_is_mounted_at_the_files_directory_of_every_service() {
        Rendered rendered = CHART.render(ValueSet.EXTERNAL_INFRASTRUCTURE);

        List<Map<String, Object>> services = services(rendered);
        assertThat(services).hasSizeGreaterThanOrEqualTo(3);
        for (Map<String, Object> deployment : services) {
            String name = Tree.string(deployment, "metadata", "name");
            Map<String, Object> container = Rendered.container(deployment);
            assertThat(Rendered.envValue(container, "CONVEYOR_WAREHOUSE_FILES_DIRECTORY")).as(name).isEqualTo("/app/data");
            assertThat(mountPaths(container)).as(name).containsEntry("files", "/app/data")
                    .doesNotContainKey("data").containsEntry("tmp", "/tmp");
            assertThat(Tree.maps(deployment, "spec", "template", "spec", "volumes"))
                    .filteredOn(volume -> "files".equals(volume.get("name"))).singleElement()
                    .satisfies(volume -> assertThat(Tree.string(volume, "persistentVolumeClaim", "claimName"))
                            .isEqualTo("conveyor-files"));
        }
        Rendered withHooks = ConveyorChart.withHooksAsObjects().render(ValueSet.EXTERNAL_INFRASTRUCTURE);
        assertThat(mountPaths(Rendered.container(withHooks.one("Job", "conv-migration"))))
                .as("the migration reads no files").doesNotContainKey("files");
    }

    @Test
    void a_pool_with_a_files_directory_of_its_own_gets_the_claim_there_and_keeps_its_scratch_space() {
        Rendered rendered = CHART.render("""
                files:
                  existingClaim: conveyor-files
                worker:
                  pools:
                    - name: loads
                      jobTypes: [load]
                      warehouse:
                        filesDirectory: /mnt/files/
                """);

        Map<String, Object> worker = Rendered.container(rendered.one("Deployment", "conv-worker-loads"));
        assertThat(mountPaths(worker)).containsEntry("files", "/mnt/files").containsEntry("data", "/app/data");
    }

    @Test
    void without_a_claim_every_pod_has_scratch_space_of_its_own_there() {
        Rendered rendered = CHART.render();

        for (Map<String, Object> deployment : services(rendered)) {
            Map<String, Object> container = Rendered.container(deployment);
            assertThat(mountPaths(container)).as(Tree.string(deployment, "metadata", "name"))
                    .containsEntry("data", "/app/data").doesNotContainKey("files");
            assertThat(Rendered.envValue(container, "CONVEYOR_WAREHOUSE_FILES_DIRECTORY")).isEqualTo("/app/data");
        }
    }

    private static List<Map<String, Object>> services(Rendered rendered) {
        return rendered.ofKind("Deployment").stream()
                .filter(deployment -> Tree.string(deployment, "metadata", "name").matches("conv-(frontend|scheduler|worker-.+)"))
                .toList();
    }

    private static Map<String, String> mountPaths(Map<String, Object> container) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (Map<String, Object> mount : Tree.maps(container, "volumeMounts")) {
            paths.put(String.valueOf(mount.get("name")), String.valueOf(mount.get("mountPath")));
        }
        return paths;
    }
}
