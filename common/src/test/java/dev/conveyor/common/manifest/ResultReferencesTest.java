package dev.conveyor.common.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class ResultReferencesTest {

    private final ResultReferences references = new ResultReferences(JsonMapper.builder().build()::writeValueAsString);

    private final Map<String, Map<String, Object>> results = new HashMap<>(Map.of(
            "load", Map.of("table", "staging.orders", "rows", 42, "files", Map.of("count", 3, "names", List.of("a", "b"))),
            "check", Map.of("passed", true)));

    // finding, as the API checks a manifest

    @Test
    void finds_references_in_nested_strings_with_their_json_paths() {
        Map<String, Object> params = Map.of("statements", List.of("select 1",
                "select * from ${jobs.load.result.table} join ${jobs.clean.result.meta.name}"));

        List<ResultReference> found = ResultReferences.find(params);

        assertThat(found).extracting(ResultReference::path).containsExactly("$.statements[1]", "$.statements[1]");
        assertThat(found).extracting(ResultReference::key).containsExactly("load", "clean");
        assertThat(found).extracting(ResultReference::field).containsExactly("table", "meta.name");
    }

    @Test
    void finds_nothing_in_numbers_booleans_nulls_and_ordinary_dollar_text() {
        Map<String, Object> params = new HashMap<>();
        params.put("n", 3);
        params.put("flag", true);
        params.put("nothing", null);
        params.put("text", "costs $5 and ${HOME} is not a job reference");

        assertThat(ResultReferences.find(params)).isEmpty();
        assertThat(ResultReferences.containsReference(params)).isFalse();
    }

    @ParameterizedTest(name = "{0} is malformed")
    @ValueSource(strings = {"${jobs.load}", "${jobs.load.result.}", "${jobs.load.output.x}", "${jobs.load.result. x}"})
    void finds_malformed_references_as_malformed(String written) {
        assertThat(ResultReferences.find(Map.of("x", written))).singleElement().satisfies(reference -> {
            assertThat(reference.isMalformed()).isTrue();
            assertThat(reference.text()).isEqualTo(written);
            assertThat(reference.path()).isEqualTo("$.x");
        });
    }

    // resolving, as the scheduler releases a job

    private Map<String, Object> resolve(Map<String, Object> params) {
        return references.resolve(params, results::get, key -> results.containsKey(key) || key.equals("pending"));
    }

    @Test
    void a_whole_string_reference_keeps_the_json_type_of_the_value() {
        Map<String, Object> resolved = resolve(Map.of(
                "rows", "${jobs.load.result.rows}",
                "passed", "${jobs.check.result.passed}",
                "names", "${jobs.load.result.files.names}"));

        assertThat(resolved).containsEntry("rows", 42).containsEntry("passed", true)
                .containsEntry("names", List.of("a", "b"));
    }

    @Test
    void a_reference_inside_a_longer_string_is_replaced_by_its_text() {
        Map<String, Object> resolved = resolve(Map.of(
                "sql", "SELECT count(*) FROM ${jobs.load.result.table} -- ${jobs.load.result.rows} rows",
                "files", "files: ${jobs.load.result.files.names}"));

        assertThat(resolved).containsEntry("sql", "SELECT count(*) FROM staging.orders -- 42 rows")
                .containsEntry("files", "files: [\"a\",\"b\"]");
    }

    @Test
    void resolves_nested_fields_in_nested_maps_and_lists() {
        Map<String, Object> resolved = resolve(Map.of(
                "target", Map.of("table", "${jobs.load.result.table}", "count", "${jobs.load.result.files.count}"),
                "statements", List.of("ANALYZE ${jobs.load.result.table}", 7, Map.of("x", "${jobs.load.result.rows}"))));

        assertThat(resolved).containsEntry("target", Map.of("table", "staging.orders", "count", 3))
                .containsEntry("statements", List.of("ANALYZE staging.orders", 7, Map.of("x", 42)));
    }

    @Test
    void params_without_references_are_returned_as_they_are() {
        Map<String, Object> params = Map.of("sql", "SELECT '${not a reference}'", "n", 1);

        assertThat(resolve(params)).isSameAs(params);
    }

    @Test
    void a_missing_field_names_the_reference_the_job_and_the_field() {
        assertThatThrownBy(() -> resolve(Map.of("t", "${jobs.load.result.schema}")))
                .isInstanceOf(UnresolvableReferenceException.class)
                .hasMessage("cannot resolve ${jobs.load.result.schema}: job 'load' has no result field 'schema'");
        assertThatThrownBy(() -> resolve(Map.of("t", "x ${jobs.load.result.table.name}")))
                .hasMessage("cannot resolve ${jobs.load.result.table.name}: job 'load' has no result field 'table.name'");
    }

    @Test
    void an_unknown_job_or_a_job_without_result_cannot_be_resolved() {
        assertThatThrownBy(() -> resolve(Map.of("t", List.of("${jobs.nope.result.table}"))))
                .hasMessage("cannot resolve ${jobs.nope.result.table}: job 'nope' is not a job of this manifest");
        assertThatThrownBy(() -> resolve(Map.of("t", "${jobs.pending.result.table}")))
                .hasMessage("cannot resolve ${jobs.pending.result.table}: job 'pending' has no result");
    }

    @Test
    void a_malformed_reference_cannot_be_resolved() {
        assertThatThrownBy(() -> resolve(Map.of("t", "${jobs.load.table}")))
                .hasMessageStartingWith("cannot resolve ${jobs.load.table}: not a reference");
    }

    @Test
    void a_null_result_value_is_kept_as_null() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("table", null);
        results.put("empty", withNull);

        assertThat(resolve(Map.of("t", "${jobs.empty.result.table}"))).containsEntry("t", null);
        assertThat(resolve(Map.of("t", "is ${jobs.empty.result.table}"))).containsEntry("t", "is null");
    }
}
