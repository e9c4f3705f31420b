package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema is migrated once per install or upgrade, by a hook Job, never by the services. */
class MigrationHookTest {

    private static final ConveyorChart CHART = ConveyorChart.withHooksAsObjects();
    private static final String HOOK = ConveyorChart.RENAMED_HOOK_PREFIX + "hook";

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void one_pre_install_and_pre_upgrade_job_migrates_and_exits(ValueSet valueSet) {
        Rendered rendered = CHART.render(valueSet);

        List<Map<String, Object>> jobs = rendered.ofKind("Job");
        assertThat(jobs).hasSize(1);
        Map<String, Object> job = jobs.getFirst();
        assertThat(Tree.map(job, "metadata", "annotations"))
                .containsEntry(HOOK, "pre-install,pre-upgrade")
                .containsEntry(HOOK + "-delete-policy", "before-hook-creation,hook-succeeded");
        assertThat(Tree.string(job, "spec", "template", "spec", "restartPolicy")).isEqualTo("Never");
        Map<String, Object> container = Rendered.container(job);
        assertThat(Tree.string(container, "image")).contains("/conveyor-frontend:");
        assertThat(Rendered.envValue(container, "SPRING_FLYWAY_ENABLED")).isEqualTo("true");
        // Spring Framework ends the JVM once the context is refreshed: Flyway has run, nothing has started
        assertThat(Rendered.envValue(container, "JDK_JAVA_OPTIONS")).isEqualTo("-Dspring.context.exit=onRefresh");
        assertThat(Rendered.envValue(container, "CONVEYOR_DB_URL"))
                .isEqualTo(Rendered.envValue(Rendered.container(rendered.one("Deployment", "conv-scheduler")),
                        "CONVEYOR_DB_URL"));
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void the_services_start_with_migration_off(ValueSet valueSet) {
        Rendered rendered = CHART.render(valueSet);

        assertThat(rendered.ofKind("Deployment")).isNotEmpty().allSatisfy(deployment ->
                assertThat(Rendered.envValue(Rendered.container(deployment), "SPRING_FLYWAY_ENABLED"))
                        .as(Tree.string(deployment, "metadata", "name")).isEqualTo("false"));
    }

    @Test
    void with_a_password_in_values_the_job_reads_it_from_a_hook_secret_created_before_it() {
        // hooks run before the release's own Secret exists
        Rendered rendered = CHART.render(ValueSet.KEDA_SCALE_TO_ZERO);
        Map<String, Object> job = rendered.one("Job", "conv-migration");
        Map<String, Object> password = Rendered.env(Rendered.container(job)).get("CONVEYOR_DB_PASSWORD");
        String secretName = Tree.string(password, "valueFrom", "secretKeyRef", "name");
        Map<String, Object> secret = rendered.one("Secret", secretName);

        assertThat(Tree.map(secret, "metadata", "annotations")).containsEntry(HOOK, "pre-install,pre-upgrade");
        assertThat(Integer.parseInt(Tree.string(secret, "metadata", "annotations", HOOK + "-weight")))
                .isLessThan(Integer.parseInt(Tree.string(job, "metadata", "annotations", HOOK + "-weight")));
        assertThat(Tree.map(secret, "data")).containsKey(Tree.string(password, "valueFrom", "secretKeyRef", "key"));
        assertThat(Tree.string(job, "spec", "template", "spec", "serviceAccountName")).isNull();
    }

    @Test
    void with_an_existing_secret_the_job_reads_it_directly() {
        Rendered rendered = CHART.render(ValueSet.EXTERNAL_INFRASTRUCTURE);
        Map<String, Object> password = Rendered.env(Rendered.container(rendered.one("Job", "conv-migration")))
                .get("CONVEYOR_DB_PASSWORD");

        assertThat(Tree.map(password, "valueFrom", "secretKeyRef"))
                .containsEntry("name", "conveyor-db-credentials").containsEntry("key", "db-password");
        assertThat(rendered.has("Secret", "conv-migration")).isFalse();
    }
}
