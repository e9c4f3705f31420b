package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Ports reach the services through the variables they read, and the probes ask the health groups. */
class ProbesAndPortsTest {

    private static final ConveyorChart CHART = ConveyorChart.inRepository();

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void every_service_has_startup_liveness_and_readiness_probes_on_the_health_groups(ValueSet valueSet) {
        Rendered rendered = CHART.render(valueSet);

        assertThat(rendered.ofKind("Deployment")).isNotEmpty().allSatisfy(deployment -> {
            Map<String, Object> container = Rendered.container(deployment);
            String name = Tree.string(deployment, "metadata", "name");
            assertThat(Tree.string(container, "startupProbe", "httpGet", "path")).as(name)
                    .isEqualTo("/actuator/health/liveness");
            assertThat(Tree.string(container, "livenessProbe", "httpGet", "path")).as(name)
                    .isEqualTo("/actuator/health/liveness");
            assertThat(Tree.string(container, "readinessProbe", "httpGet", "path")).as(name)
                    .isEqualTo("/actuator/health/readiness");
            // a slow start is the startup probe's business, so liveness never kills a JVM that is still starting
            assertThat(Tree.integer(container, "startupProbe", "periodSeconds")
                    * Tree.integer(container, "startupProbe", "failureThreshold")).as(name).isGreaterThanOrEqualTo(120);
            String probePort = Tree.string(container, "readinessProbe", "httpGet", "port");
            assertThat(Tree.maps(container, "ports")).as(name)
                    .anySatisfy(port -> assertThat(port.get("name")).isEqualTo(probePort));
        });
    }

    @Test
    void application_ports_are_passed_to_the_services() {
        Rendered rendered = CHART.render("""
                frontend: {port: 7080}
                scheduler: {port: 7081}
                worker: {port: 7082}
                """);

        assertPort(rendered, "conv-frontend", "CONVEYOR_FRONTEND_PORT", 7080);
        assertPort(rendered, "conv-scheduler", "CONVEYOR_SCHEDULER_PORT", 7081);
        assertPort(rendered, "conv-worker-default", "CONVEYOR_WORKER_PORT", 7082);
        assertThat(Tree.integer(rendered.one("Service", "conv-frontend"), "spec", "ports", 0, "port")).isEqualTo(8080);
        assertThat(Tree.string(rendered.one("Service", "conv-frontend"), "spec", "ports", 0, "targetPort"))
                .isEqualTo("http");
    }

    @Test
    void actuator_and_probes_are_on_the_management_port_by_default() {
        Map<String, Object> frontend = Rendered.container(CHART.render().one("Deployment", "conv-frontend"));

        assertThat(Tree.maps(frontend, "ports"))
                .anySatisfy(port -> assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 8080))
                .anySatisfy(port -> assertThat(port).containsEntry("name", "management").containsEntry("containerPort", 9080));
        assertThat(Rendered.envValue(frontend, "MANAGEMENT_SERVER_PORT")).isEqualTo("9080");
        assertThat(Tree.string(frontend, "livenessProbe", "httpGet", "port")).isEqualTo("management");
    }

    @Test
    void a_management_port_equal_to_the_application_port_shares_it() {
        Map<String, Object> frontend = Rendered.container(CHART.render("""
                frontend: {managementPort: 8080}
                """).one("Deployment", "conv-frontend"));

        assertThat(Tree.maps(frontend, "ports")).singleElement()
                .satisfies(port -> assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 8080));
        assertThat(Rendered.envValue(frontend, "MANAGEMENT_SERVER_PORT")).isEqualTo("8080");
        assertThat(Tree.string(frontend, "livenessProbe", "httpGet", "port")).isEqualTo("http");
    }

    @Test
    void a_separate_management_port_carries_probes_and_metrics() {
        Rendered rendered = CHART.render(ValueSet.KEDA_SCALE_TO_ZERO);
        Map<String, Object> worker = Rendered.container(rendered.one("Deployment", "conv-worker-light"));

        assertThat(Rendered.envValue(worker, "MANAGEMENT_SERVER_PORT")).isEqualTo("9090");
        assertThat(Tree.maps(worker, "ports"))
                .anySatisfy(port -> assertThat(port).containsEntry("name", "management").containsEntry("containerPort", 9090));
        assertThat(Tree.string(worker, "readinessProbe", "httpGet", "port")).isEqualTo("management");
        assertThat(Tree.maps(rendered.one("Service", "conv-worker"), "spec", "ports")).singleElement()
                .satisfies(port -> assertThat(port).containsEntry("name", "management").containsEntry("port", 9090));
        assertThat(Tree.string(rendered.one("ServiceMonitor", "conv-worker"), "spec", "endpoints", 0, "port"))
                .isEqualTo("management");
        assertThat(Tree.string(rendered.one("ServiceMonitor", "conv-frontend"), "spec", "endpoints", 0, "port"))
                .isEqualTo("management");
    }

    private static void assertPort(Rendered rendered, String deployment, String variable, int port) {
        Map<String, Object> container = Rendered.container(rendered.one("Deployment", deployment));
        assertThat(Rendered.envValue(container, variable)).as(deployment).isEqualTo(String.valueOf(port));
        assertThat(Tree.integer(container, "ports", 0, "containerPort")).as(deployment).isEqualTo(port);
    }
}
