package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * ServiceMonitors and PrometheusRules with the Prometheus operator; dashboards for Grafana's sidecar; JSON logs in
 * containers.
 */
class ObservabilityTest {

    private static final String DASHBOARD = "{\"title\": \"Conveyor overview\", \"panels\": []}";
    private static final String RULES = """
            groups:
              - name: conveyor
                rules:
                  - alert: ConveyorWorkersDown
                    expr: absent(up{service="conveyor-worker"} == 1)
                    for: 10m
            """;

    @Test
    void without_the_operator_nothing_of_it_is_rendered() {
        Rendered rendered = ConveyorChart.inRepository().render();

        assertThat(rendered.ofKind("ServiceMonitor")).isEmpty();
        assertThat(rendered.ofKind("PrometheusRule")).isEmpty();
    }

    @Test
    void with_the_operator_every_service_is_scraped_on_its_actuator() {
        Rendered rendered = ConveyorChart.inRepository().render(ValueSet.KEDA_SCALE_TO_ZERO);

        assertThat(rendered.ofKind("ServiceMonitor")).extracting(monitor -> Tree.string(monitor, "metadata", "name"))
                .containsExactlyInAnyOrder("conv-frontend", "conv-scheduler", "conv-worker");
        for (Map<String, Object> monitor : rendered.ofKind("ServiceMonitor")) {
            assertThat(Tree.string(monitor, "spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
            assertThat(Tree.map(monitor, "metadata", "labels")).containsEntry("release", "kube-prometheus-stack");
            // the monitor selects its Service, and that Service has the port it scrapes
            Map<String, Object> service = rendered.one("Service", Tree.string(monitor, "metadata", "name"));
            assertThat(Tree.map(service, "metadata", "labels")).containsAllEntriesOf(Tree.map(monitor, "spec", "selector", "matchLabels"));
            assertThat(Tree.maps(service, "spec", "ports")).anySatisfy(port ->
                    assertThat(port.get("name")).isEqualTo(Tree.string(monitor, "spec", "endpoints", 0, "port")));
        }
    }

    @Test
    void rule_files_and_dashboards_of_deploy_become_prometheus_rules_and_labelled_config_maps() {
        Rendered rendered = ConveyorChart.copyWith(Map.of(
                        "files/dashboards/conveyor_overview.json", DASHBOARD,
                        "files/prometheus-rules/conveyor-alerts.yml", RULES))
                .render(ValueSet.KEDA_SCALE_TO_ZERO);

        Map<String, Object> dashboard = rendered.one("ConfigMap", "conv-dashboard-conveyor-overview");
        assertThat(Tree.map(dashboard, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
        assertThat(Tree.string(dashboard, "data", "conveyor_overview.json")).isEqualTo(DASHBOARD);
        Map<String, Object> rule = rendered.one("PrometheusRule", "conv-conveyor-alerts");
        assertThat(Tree.string(rule, "spec", "groups", 0, "rules", 0, "alert")).isEqualTo("ConveyorWorkersDown");
        assertThat(Tree.string(rule, "spec", "groups", 0, "rules", 0, "for")).isEqualTo("10m");
    }

    @Test
    void the_chart_sees_the_repository_dashboards_and_rules_and_renders_none_while_there_are_none() {
        // files/dashboards and files/prometheus-rules are links to deploy/grafana/dashboards and
        // deploy/prometheus/rules, so the chart ships what the repository holds without a copy
        Rendered rendered = ConveyorChart.asCommitted().render(ValueSet.KEDA_SCALE_TO_ZERO);
        long dashboards = countFiles("deploy/grafana/dashboards", ".json");
        long rules = countFiles("deploy/prometheus/rules", ".yml") + countFiles("deploy/prometheus/rules", ".yaml");

        assertThat(rendered.ofKind("ConfigMap").stream()
                .filter(map -> "1".equals(Tree.string(map, "metadata", "labels", "grafana_dashboard"))))
                .hasSize((int) dashboards);
        assertThat(rendered.ofKind("PrometheusRule")).hasSize((int) rules);
    }

    private static long countFiles(String directory, String suffix) {
        try (var files = java.nio.file.Files.list(Repository.path(directory))) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void services_in_containers_log_json_lines() {
        String configuration = Tree.string(ConveyorChart.inRepository().render().one("ConfigMap", "conv-config"),
                "data", "application.yml");
        Map<String, Object> application = new Yaml(new LoaderOptions()).load(configuration);
        assertThat(Tree.string(application, "conveyor", "logging", "format")).isEqualTo("json");

        Map<String, Object> services = Tree.map(new Yaml(new LoaderOptions())
                .load(Repository.read("docker-compose.yml")), "services");
        for (String service : List.of("frontend", "scheduler", "worker")) {
            assertThat(Tree.string(services, service, "environment", "CONVEYOR_LOGGING_FORMAT")).as(service)
                    .isEqualTo("json");
        }
    }
}
