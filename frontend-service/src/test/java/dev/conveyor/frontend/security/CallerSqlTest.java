package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerSqlTest {

    @Test
    void sql_jobs_always_run_caller_sql() {
        assertThat(CallerSql.runsCallerSql("sql", Map.of("sql", "select 1"))).isTrue();
        assertThat(CallerSql.runsCallerSql("sql", null)).isTrue();
    }

    @Test
    void an_export_runs_caller_sql_with_a_query_not_with_a_table() {
        assertThat(CallerSql.runsCallerSql("export", Map.of("query", "select 1", "target", "x.csv"))).isTrue();
        assertThat(CallerSql.runsCallerSql("export", Map.of("table", "orders", "target", "x.csv"))).isFalse();
    }

    @Test
    void a_check_runs_caller_sql_with_a_custom_assertion_or_one_it_cannot_read() {
        assertThat(check(List.of(Map.of("type", "row_count", "min", 1), Map.of("type", "not_null", "column", "id"))))
                .isFalse();
        assertThat(check(List.of(Map.of("type", "row_count"), Map.of("type", "custom", "sql", "select 1")))).isTrue();
        assertThat(check(List.of(Map.of("sql", "select 1")))).isTrue();
        assertThat(check(List.of("custom"))).isTrue();
        assertThat(check("${jobs.a.result.assertions}")).as("a placeholder could become anything").isTrue();
        assertThat(CallerSql.runsCallerSql("check", Map.of("table", "t"))).isFalse();
    }

    @Test
    void other_types_run_none() {
        assertThat(CallerSql.runsCallerSql("load", Map.of("query", "select 1"))).isFalse();
        assertThat(CallerSql.runsCallerSql("noop", null)).isFalse();
        assertThat(CallerSql.runsCallerSql(null, Map.of())).isFalse();
    }

    private static boolean check(Object assertions) {
        return CallerSql.runsCallerSql("check", Map.of("table", "t", "assertions", assertions));
    }
}
