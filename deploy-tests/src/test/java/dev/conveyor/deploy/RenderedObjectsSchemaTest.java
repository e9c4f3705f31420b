package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every object the chart renders is valid against the schema of its kind, unknown fields included. */
class RenderedObjectsSchemaTest {

    // hooks are included: the migration Job and its Secret are checked like the rest
    private static final ConveyorChart CHART = ConveyorChart.withHooksAsObjects();

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void every_rendered_object_matches_its_schema(ValueSet valueSet) {
        Rendered rendered = CHART.render(valueSet);

        List<KubernetesSchemas.Result> results = KubernetesSchemas.validate(rendered.yaml());

        assertThat(results).extracting(result -> result.kind() + "/" + result.name())
                .containsExactlyInAnyOrderElementsOf(rendered.names());
        assertThat(results).allSatisfy(result -> assertThat(result.problems())
                .as("%s/%s", result.kind(), result.name()).isEmpty());
    }

    @Test
    void objects_of_the_optional_operators_match_their_schemas_too() {
        Rendered rendered = ConveyorChart.copyWith(Map.of(
                "files/dashboards/conveyor-overview.json", "{\"title\": \"Conveyor\", \"panels\": []}",
                "files/prometheus-rules/conveyor.yml", """
                        groups:
                          - name: conveyor
                            rules:
                              - alert: ConveyorDown
                                expr: up{job=~"conveyor.*"} == 0
                                for: 5m
                                labels: {severity: critical}
                        """))
                .render(ValueSet.KEDA_SCALE_TO_ZERO);

        assertThat(rendered.ofKind("PrometheusRule")).hasSize(1);
        assertThat(KubernetesSchemas.validate(rendered.yaml()))
                .allSatisfy(result -> assertThat(result.problems()).as("%s/%s", result.kind(), result.name()).isEmpty());
    }

    @Test
    void the_validator_reports_wrong_types_and_unknown_fields() {
        // the check above is only worth something if a broken object fails it
        String broken = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  replicas: "2"
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      terminationGracePeriod: 30
                      containers: [{name: c, image: i}]
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: broken}
                spec:
                  scaleTargetRef: {name: broken}
                  triggers: [{type: kafka, metadata: {lagThreshold: 5}}]
                """;

        List<KubernetesSchemas.Result> results = KubernetesSchemas.validate(broken);

        assertThat(results.get(0).problems()).anySatisfy(problem -> assertThat(problem).contains("replicas"))
                .anySatisfy(problem -> assertThat(problem).contains("terminationGracePeriod is not a field"));
        assertThat(results.get(1).problems()).anySatisfy(problem -> assertThat(problem).contains("lagThreshold"));
    }
}
