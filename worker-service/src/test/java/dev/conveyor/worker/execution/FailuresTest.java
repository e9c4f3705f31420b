package dev.conveyor.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.worker.handler.NonRetryableJobException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;

class FailuresTest {

    @Test
    void duckdb_statement_errors_without_a_sql_state_are_not_retried() {
        for (String kind : new String[] {"Parser Error", "Binder Error", "Catalog Error", "Conversion Error"}) {
            SQLException duckdb = new SQLException(kind + ": something is wrong with the statement");
            assertThat(Failures.isRetryable(duckdb)).as(kind).isFalse();
            assertThat(Failures.isRetryable(new UncategorizedSQLException("run", "SELECT", duckdb))).as(kind).isFalse();
        }
    }

    @Test
    void other_database_errors_are_retried() {
        assertThat(Failures.isRetryable(new SQLException("IO Error: could not open file"))).isTrue();
        assertThat(Failures.isRetryable(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(Failures.isRetryable(new SQLException("relation does not exist", "42P01"))).isFalse();
    }

    @Test
    void a_handler_message_is_stored_as_written() {
        NonRetryableJobException failed = new NonRetryableJobException("2 of 5 assertions failed: unique id (2 rows)",
                Map.of("passed", false));

        assertThat(Failures.describe(failed)).isEqualTo("2 of 5 assertions failed: unique id (2 rows)");
        assertThat(Failures.isRetryable(failed)).isFalse();
    }
}
