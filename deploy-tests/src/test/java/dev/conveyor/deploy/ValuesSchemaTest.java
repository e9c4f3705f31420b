package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json stops a bad value at install, naming it, before anything reaches the cluster. */
class ValuesSchemaTest {

    private static final ConveyorChart CHART = ConveyorChart.inRepository();

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("worker: {defaults: {concurrency: 0}}", "'/worker/defaults/concurrency'"),
                Arguments.of("worker: {defaults: {drainTimeout: 5 minutes}}", "'/worker/defaults/drainTimeout'"),
                Arguments.of("worker: {defaults: {heartbeatInterval: 1m30s}}", "'/worker/defaults/heartbeatInterval'"),
                Arguments.of("worker: {defaults: {autoscaling: {maxReplicas: 0}}}", "'/worker/defaults/autoscaling/maxReplicas'"),
                Arguments.of("worker: {pools: [{name: Heavy_Pool}]}", "'/worker/pools/0/name'"),
                Arguments.of("worker: {pools: [{name: heavy, concurency: 4}]}", "'concurency' not allowed"),
                Arguments.of("worker: {pools: []}", "'/worker/pools'"),
                Arguments.of("worker: {pools: [{jobTypes: [sql]}]}", "missing property 'name'"),
                Arguments.of("frontend: {replicas: two}", "'/frontend/replicas'"),
                Arguments.of("frontend: {maxRequestSize: 128 kilobytes}", "'/frontend/maxRequestSize'"),
                Arguments.of("fronted: {replicas: 2}", "'fronted' not allowed"),
                Arguments.of("database: {sslmode: sometimes}", "'/database/sslmode'"),
                Arguments.of("database: {port: 70000}", "'/database/port'"),
                Arguments.of("kafka: {securityProtocol: TLS}", "'/kafka/securityProtocol'"),
                Arguments.of("kafka: {bootstrapServers: kafka}", "'/kafka/bootstrapServers'"),
                Arguments.of("scheduler: {sweep: {interval: often}}", "'/scheduler/sweep/interval'"),
                Arguments.of("image: {pullPolicy: Sometimes}", "'/image/pullPolicy'"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void a_bad_value_fails_the_install_naming_it(String values, String problem) {
        assertThatThrownBy(() -> CHART.render(values))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(problem);
    }

    @Test
    void good_values_of_the_same_keys_pass() {
        Rendered rendered = CHART.render("""
                worker:
                  defaults: {concurrency: 1, drainTimeout: 90s, heartbeatInterval: 5s}
                  pools: [{name: heavy-2, jobTypes: [sql]}]
                frontend: {maxRequestSize: 256KB}
                database: {sslmode: require, port: 6432}
                kafka: {securityProtocol: SSL, bootstrapServers: "a:9093,b.example.com:9093"}
                scheduler: {sweep: {interval: 500ms}}
                """);

        assertThat(rendered.has("Deployment", "conv-worker-heavy-2")).isTrue();
    }
}
