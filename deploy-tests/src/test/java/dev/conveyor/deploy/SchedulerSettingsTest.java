package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Tenant caps, schedules, triggers and webhook rules reach the services through the chart's application.yml, which
 * carries what environment variables cannot: tenant names as map keys and lists.
 */
class SchedulerSettingsTest {

    private static final ConveyorChart CHART = ConveyorChart.inRepository();

    @Test
    void caps_schedules_triggers_and_webhook_rules_reach_the_scheduler_and_the_frontend() {
        Map<String, Object> conveyor = conveyor(CHART.render("""
                scheduler:
                  quotas:
                    maxRunning: 50
                    tenants:
                      acme.eu: 5
                  schedules:
                    missedAfter: 5m
                  triggers:
                    interval: 10s
                    stableAfter: 30s
                webhooks:
                  allowedSchemes: [https]
                  allowedHosts: ["*.example.com", hooks.acme.io]
                  allowPrivateAddresses: false
                  timeout: 5s
                  maxAge: 12h
                """));

        Map<String, Object> scheduler = Tree.map(conveyor, "scheduler");
        assertThat(Tree.integer(scheduler, "quotas", "maxRunning")).isEqualTo(50);
        // bracketed, so Spring keeps the dot inside the tenant's name
        assertThat(Tree.map(scheduler, "quotas", "tenants")).containsEntry("[acme.eu]", 5);
        assertThat(Tree.string(scheduler, "schedules", "missedAfter")).isEqualTo("5m");
        assertThat(Tree.map(scheduler, "triggers")).containsEntry("interval", "10s").containsEntry("stableAfter", "30s");
        assertThat(Tree.map(scheduler, "webhooks")).containsEntry("timeout", "5s").containsEntry("maxAge", "12h");
        assertThat(Tree.list(scheduler, "webhooks", "allowedHosts")).containsExactly("*.example.com", "hooks.acme.io");
        Map<String, Object> frontend = Tree.map(conveyor, "frontend", "webhooks");
        assertThat(Tree.list(frontend, "allowedHosts")).containsExactly("*.example.com", "hooks.acme.io");
        assertThat(Tree.list(frontend, "allowedSchemes")).containsExactly("https");
        assertThat(frontend).containsEntry("allowPrivateAddresses", false).doesNotContainKey("timeout");
    }

    @Test
    void the_defaults_are_the_services_own() {
        Map<String, Object> scheduler = Tree.map(conveyor(CHART.render()), "scheduler");

        assertThat(Tree.integer(scheduler, "quotas", "maxRunning")).isZero();
        assertThat(Tree.map(scheduler, "quotas", "tenants")).isEmpty();
        assertThat(Tree.map(scheduler, "triggers")).containsEntry("interval", "1s").containsEntry("stableAfter", "2s");
        assertThat(Tree.list(scheduler, "webhooks", "allowedSchemes")).containsExactly("https", "http");
        assertThat(Tree.list(scheduler, "webhooks", "allowedHosts")).isEmpty();
    }

    private static Map<String, Object> conveyor(Rendered rendered) {
        String applicationYml = Tree.string(rendered.one("ConfigMap", "conv-config"), "data", "application.yml");
        return Tree.map(new Yaml().<Map<String, Object>>load(applicationYml), "conveyor");
    }
}
