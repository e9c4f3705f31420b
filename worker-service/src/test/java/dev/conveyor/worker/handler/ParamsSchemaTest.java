package dev.conveyor.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Params checked against the handlers' own schemas: the error names the param and says what is wrong with it. */
class ParamsSchemaTest {

    private static final String BASE = "/dev/conveyor/worker/";

    static Stream<Arguments> violations() {
        return Stream.of(
                // schema, params -> the error
                Arguments.of("load/load", Map.of("source", "x.csv", "table", "orders; DROP TABLE x"),
                        "params.table: does not match the regex pattern"),
                Arguments.of("load/load", Map.of("source", "x.csv", "table", "t", "delimiter", ";;"),
                        "params.delimiter: must be at most 1 characters long"),
                Arguments.of("load/load", Map.of("table", "t"), "params.source: required property 'source' not found"),
                Arguments.of("load/load", Map.of("source", "x.csv", "table", "t", "mode", "merge"),
                        "params.mode: does not have a value in the enumeration"),
                Arguments.of("handler/sleep", Map.of(), "params.seconds: required property 'seconds' not found"),
                Arguments.of("handler/sleep", Map.of("seconds", -1), "params.seconds: must have a minimum value of 0"),
                // alternatives that each require something else
                Arguments.of("export/export", Map.of("path", "x.csv"), "params: needs one of table, query"),
                Arguments.of("handler/sql", Map.of("parameters", Map.of()), "params: needs one of sql, statements"),
                Arguments.of("check/check", Map.of("table", "t", "assertions", List.of(Map.of("type", "row_count"))),
                        "params.assertions[0]: needs one of min, max"),
                // the alternative whose type matches says what is wrong; the others are left out
                Arguments.of("check/check", Map.of("table", "t", "assertions", List.of(Map.of("type", "row_count", "min", 1),
                                Map.of("type", "not_null", "columns", List.of("id", "a b")))),
                        "params.assertions[1].columns[1]: does not match the regex pattern"),
                Arguments.of("check/check", Map.of("table", "t", "assertions", List.of(Map.of("type", "unique"))),
                        "params.assertions[0].columns: required property 'columns' not found"),
                // no alternative matches the type: the type is what is wrong
                Arguments.of("check/check", Map.of("table", "t", "assertions", List.of(Map.of("type", "fuzzy"))),
                        "params.assertions[0].type: must be one of row_count, not_null, unique, accepted_values, custom, "
                                + "not \"fuzzy\""));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("violations")
    void a_violation_is_not_retryable_and_names_the_param(String schema, Map<String, Object> params, String error) {
        ParamsSchema paramsSchema = ParamsSchema.load(BASE + schema + ".schema.json");

        assertThatThrownBy(() -> paramsSchema.read(params))
                .isInstanceOf(NonRetryableJobException.class)
                .hasMessageStartingWith(error);
    }

    @Test
    void valid_params_are_read_as_they_are() {
        Params params = ParamsSchema.load(BASE + "load/load.schema.json")
                .read(Map.of("source", "orders.csv", "table", "sales.orders", "header", false));

        assertThat(params.string("source")).isEqualTo("orders.csv");
        assertThat(params.table("table")).isEqualTo("\"sales\".\"orders\"");
        assertThat(params.bool("header", true)).isFalse();
        assertThat(params.string("mode", "replace")).isEqualTo("replace");
    }

    @Test
    void a_blank_string_the_schema_lets_through_is_refused_when_read() {
        Params params = ParamsSchema.load(BASE + "load/load.schema.json").read(Map.of("source", " ", "table", "t"));

        assertThatThrownBy(() -> params.string("source")).isInstanceOf(NonRetryableJobException.class)
                .hasMessage("params.source must be a non-empty string");
    }
}
