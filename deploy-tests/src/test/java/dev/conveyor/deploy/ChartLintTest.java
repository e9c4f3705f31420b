package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChartLintTest {

    @Test
    void chart_as_committed_passes_strict_lint() {
        assertPassesStrictLint(ConveyorChart.asCommitted().lintStrict());
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void chart_passes_strict_lint_with_every_value_set(ValueSet valueSet) {
        assertPassesStrictLint(ConveyorChart.withDefaults(valueSet).lintStrict());
    }

    @Test
    void strict_lint_fails_a_chart_that_does_not_render() {
        // lint is only worth running if a broken chart fails it
        LintResult lint = ConveyorChart.withDefaults(ValueSet.DEFAULTS).withTemplate("broken.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.nothing.here }}\n").lintStrict();

        assertThat(lint.isFailed()).isTrue();
        assertThat(lint.getMessages()).anySatisfy(message -> assertThat(message).contains("broken.yaml"));
    }

    private static void assertPassesStrictLint(LintResult lint) {
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        // strict lint fails on warnings; what is left are informational notes
        assertThat(lint.getMessages()).allSatisfy(message -> assertThat(message).startsWith("[INFO]"));
    }
}
