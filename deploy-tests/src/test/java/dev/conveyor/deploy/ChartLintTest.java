package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void chart_passes_strict_lint_with_its_default_values() {
        LintResult lint = ConveyorChart.asCommitted().lintStrict();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        // strict lint fails on warnings; what is left are informational notes
        assertThat(lint.getMessages()).allSatisfy(message -> assertThat(message).startsWith("[INFO]"));
    }

    @Test
    void every_value_set_renders() {
        ConveyorChart chart = ConveyorChart.inRepository();
        for (ValueSet valueSet : ValueSet.values()) {
            assertThat(chart.render(valueSet).objects()).as(valueSet.name()).isNotEmpty();
        }
    }
}
