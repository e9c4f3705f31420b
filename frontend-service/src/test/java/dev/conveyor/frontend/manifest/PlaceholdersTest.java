package dev.conveyor.frontend.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    // load -> clean -> report, and a separate audit job
    private static final Map<String, List<String>> GRAPH = Map.of(
            "load", List.of(),
            "clean", List.of("load"),
            "report", List.of("clean"),
            "audit", List.of());
    private static final Function<String, List<String>> DEPENDS_ON = GRAPH::get;

    // finding references is ResultReferencesTest's (common); these check them against the manifest

    @Test
    void accepts_a_reference_to_a_transitive_upstream_job() {
        Map<String, Object> params = Map.of("source", "${jobs.load.result.table}");

        assertThat(Placeholders.problems("report", params, DEPENDS_ON, GRAPH.keySet())).isEmpty();
    }

    @Test
    void rejects_a_reference_to_a_job_that_is_not_upstream_naming_the_job_and_the_reference() {
        Map<String, Object> params = Map.of("source", "${jobs.audit.result.table}");

        List<FieldProblem> problems = Placeholders.problems("report", params, DEPENDS_ON, GRAPH.keySet());

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("jobs[report].params.source");
            assertThat(problem.message()).contains("report", "${jobs.audit.result.table}", "audit");
        });
    }

    @Test
    void rejects_a_reference_to_a_downstream_job_and_to_itself() {
        assertThat(Placeholders.problems("load", Map.of("x", "${jobs.report.result.t}"), DEPENDS_ON, GRAPH.keySet()))
                .hasSize(1);
        assertThat(Placeholders.problems("clean", Map.of("x", "${jobs.clean.result.t}"), DEPENDS_ON, GRAPH.keySet()))
                .hasSize(1);
    }

    @Test
    void rejects_a_reference_to_an_unknown_job() {
        List<FieldProblem> problems = Placeholders.problems("report", Map.of("x", "${jobs.ghost.result.t}"),
                DEPENDS_ON, GRAPH.keySet());

        assertThat(problems).singleElement().extracting(FieldProblem::message).asString()
                .contains("ghost", "not a job of this manifest");
    }

    @Test
    void rejects_a_malformed_reference() {
        List<FieldProblem> problems = Placeholders.problems("report",
                Map.of("list", List.of("${jobs.load}", "${jobs.load.result.}", "${jobs.load.output.x}")),
                DEPENDS_ON, GRAPH.keySet());

        assertThat(problems).extracting(FieldProblem::field)
                .containsExactly("jobs[report].params.list[0]", "jobs[report].params.list[1]",
                        "jobs[report].params.list[2]");
        assertThat(problems).allSatisfy(problem -> assertThat(problem.message()).contains("${jobs.<key>.result.<field>}"));
    }

    @Test
    void computes_every_upstream_job_at_any_depth() {
        assertThat(Placeholders.upstreamOf("report", DEPENDS_ON)).isEqualTo(Set.of("clean", "load"));
        assertThat(Placeholders.upstreamOf("load", DEPENDS_ON)).isEmpty();
    }
}
