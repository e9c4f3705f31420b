package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Database, Kafka and warehouse credentials: from the chart's Secret or from Secrets you manage. */
class CredentialsTest {

    private static final ConveyorChart CHART = ConveyorChart.inRepository();

    @Test
    void existing_secrets_are_referenced_and_never_copied() {
        Rendered rendered = CHART.render(ValueSet.EXTERNAL_INFRASTRUCTURE);
        Map<String, Object> scheduler = Rendered.container(rendered.one("Deployment", "conv-scheduler"));
        Map<String, Object> worker = Rendered.container(rendered.one("Deployment", "conv-worker-default"));

        assertThat(rendered.ofKind("Secret")).isEmpty();
        assertSecretRef(scheduler, "CONVEYOR_DB_PASSWORD", "conveyor-db-credentials", "db-password");
        assertSecretRef(scheduler, "CONVEYOR_KAFKA_USERNAME", "conveyor-kafka-credentials", "username");
        assertSecretRef(scheduler, "CONVEYOR_KAFKA_PASSWORD", "conveyor-kafka-credentials", "password");
        assertSecretRef(worker, "CONVEYOR_WAREHOUSE_PASSWORD", "conveyor-warehouse-credentials", "password");
        assertThat(Rendered.envValue(scheduler, "CONVEYOR_DB_URL"))
                .isEqualTo("jdbc:postgresql://conveyor-db.example.com:6432/conveyor_prod?sslmode=verify-full");
        assertThat(Rendered.envValue(worker, "CONVEYOR_WAREHOUSE_USER")).isEqualTo("conveyor_jobs");
        assertThat(Tree.string(rendered.one("Deployment", "conv-frontend"), "spec", "template", "spec",
                "imagePullSecrets", 0, "name")).isEqualTo("registry-credentials");
        assertThat(Tree.string(scheduler, "image")).isEqualTo("registry.example.com/platform/conveyor-scheduler:1.0.0");
    }

    @Test
    void the_bootstrap_admin_api_key_comes_from_a_secret_only_the_frontend_reads() {
        Rendered rendered = CHART.render();
        Map<String, Object> frontend = Rendered.container(rendered.one("Deployment", "conv-frontend"));
        Map<String, Object> scheduler = Rendered.container(rendered.one("Deployment", "conv-scheduler"));

        assertSecretRef(frontend, "CONVEYOR_ADMIN_API_KEY", "conveyor-admin-api-key", "key");
        assertThat(Rendered.env(scheduler)).doesNotContainKey("CONVEYOR_ADMIN_API_KEY");
        assertThat(Rendered.env(Rendered.container(CHART.render("""
                frontend: {adminApiKey: {existingSecret: "", existingSecretKey: key}}
                """).one("Deployment", "conv-frontend")))).doesNotContainKey("CONVEYOR_ADMIN_API_KEY");
    }

    @Test
    void kafka_sasl_and_tls_reach_the_services_as_spring_properties_and_keda_as_trigger_authentication() {
        Rendered rendered = CHART.render(ValueSet.EXTERNAL_INFRASTRUCTURE);
        String configuration = Tree.string(rendered.one("ConfigMap", "conv-config"), "data", "application.yml");
        Map<String, Object> pod = Tree.map(rendered.one("Deployment", "conv-scheduler"), "spec", "template", "spec");

        assertThat(configuration).contains(
                "protocol: SASL_SSL",
                "'[sasl.mechanism]': SCRAM-SHA-512",
                "org.apache.kafka.common.security.scram.ScramLoginModule",
                "username=\"${CONVEYOR_KAFKA_USERNAME}\" password=\"${CONVEYOR_KAFKA_PASSWORD}\"",
                "trust-store-type: PEM",
                "trust-store-location: file:/etc/conveyor/kafka-ca/ca.crt",
                "'[acme.sql]': acme.jobs.sql");
        assertThat(configuration).doesNotContain("secret", "Secret");
        assertThat(Tree.maps(pod, "volumes"))
                .anySatisfy(volume -> assertThat(Tree.string(volume, "secret", "secretName")).isEqualTo("conveyor-kafka-ca"));
        assertThat(Tree.maps(pod, "containers", 0, "volumeMounts"))
                .anySatisfy(mount -> assertThat(mount).containsEntry("mountPath", "/etc/conveyor/kafka-ca"));
        assertThat(Rendered.envValue(Tree.map(pod, "containers", 0), "SPRING_CONFIG_ADDITIONAL_LOCATION"))
                .isEqualTo("optional:file:/etc/conveyor/config/");

        Map<String, Object> kafkaTrigger = Tree.map(rendered.one("ScaledObject", "conv-worker-default"),
                "spec", "triggers", 0);
        assertThat(Tree.map(kafkaTrigger, "metadata")).containsEntry("sasl", "scram_sha512").containsEntry("tls", "enable")
                .containsEntry("bootstrapServers",
                        "b-1.kafka.example.com:9096,b-2.kafka.example.com:9096,b-3.kafka.example.com:9096");
        assertThat(Tree.maps(rendered.one("TriggerAuthentication", Tree.string(kafkaTrigger, "authenticationRef", "name")),
                "spec", "secretTargetRef"))
                .extracting(ref -> ref.get("parameter") + "=" + ref.get("name") + "/" + ref.get("key"))
                .containsExactlyInAnyOrder("username=conveyor-kafka-credentials/username",
                        "password=conveyor-kafka-credentials/password", "ca=conveyor-kafka-ca/ca.crt");
        assertThat(Tree.maps(rendered.one("ScaledObject", "conv-worker-default"), "spec", "triggers"))
                .filteredOn(trigger -> "postgresql".equals(trigger.get("type"))).singleElement()
                .extracting(trigger -> Tree.map(trigger, "metadata")).asInstanceOf(MAP)
                .containsEntry("host", "conveyor-db.example.com")
                .containsEntry("port", "6432")
                .containsEntry("sslmode", "verify-full");
    }

    @Test
    void passwords_given_as_values_live_in_the_chart_secret() {
        Rendered rendered = CHART.render(ValueSet.FIXED_REPLICAS);
        Map<String, Object> secret = rendered.one("Secret", "conv-credentials");

        assertThat(Tree.map(secret, "data")).containsOnlyKeys("database-password", "warehouse-password-batch");
        assertSecretRef(Rendered.container(rendered.one("Deployment", "conv-frontend")),
                "CONVEYOR_DB_PASSWORD", "conv-credentials", "database-password");
        assertSecretRef(Rendered.container(rendered.one("Deployment", "conv-worker-batch")),
                "CONVEYOR_WAREHOUSE_PASSWORD", "conv-credentials", "warehouse-password-batch");
        // the other pools keep the default warehouse and its existing Secret
        assertSecretRef(Rendered.container(rendered.one("Deployment", "conv-worker-sql")),
                "CONVEYOR_WAREHOUSE_PASSWORD", "conveyor-warehouse", "password");
        assertThat(Rendered.envValue(Rendered.container(rendered.one("Deployment", "conv-worker-batch")),
                "CONVEYOR_WAREHOUSE_URL")).isEqualTo("jdbc:postgresql://batch-warehouse:5432/batch");
    }

    @Test
    void a_database_without_password_or_secret_fails_the_render() {
        assertThatThrownBy(() -> CHART.render("database: {existingSecret: \"\", password: \"\"}"))
                .hasMessageContaining("database: set password (kept in the chart's Secret) or existingSecret");
        assertThatThrownBy(() -> CHART.render("kafka: {securityProtocol: SASL_SSL}"))
                .hasMessageContaining("kafka.securityProtocol is SASL_SSL: set kafka.sasl.username and password");
    }

    private static void assertSecretRef(Map<String, Object> container, String variable, String secret, String key) {
        assertThat(Tree.map(Rendered.env(container).get(variable), "valueFrom", "secretKeyRef")).as(variable)
                .containsEntry("name", secret).containsEntry("key", key);
    }
}
