package dev.conveyor.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.worker.execution.Failures;
import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the sql handler promises on every warehouse; each database subclasses it. */
abstract class SqlHandlerContract {

    protected Warehouse warehouse;
    private final SqlHandler handler = new SqlHandler(3);

    protected abstract Warehouse newWarehouse() throws Exception;

    @BeforeEach
    void createTable() throws Exception {
        warehouse = newWarehouse();
        Warehouses.sql(warehouse).execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name VARCHAR(100))");
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void inserts_with_bound_named_parameters() throws Exception {
        Map<String, Object> result = run(Map.of(
                "sql", "INSERT INTO customer (id, name) VALUES (:id, :name)",
                "parameters", Map.of("id", 1, "name", "O'Brien'); DROP TABLE customer; --")));

        assertThat(result).containsEntry("rowsAffected", 1L);
        assertThat(Warehouses.sql(warehouse).queryForObject("SELECT name FROM customer WHERE id = 1", String.class))
                .isEqualTo("O'Brien'); DROP TABLE customer; --");
    }

    @Test
    void binds_the_job_id_for_idempotent_writes() throws Exception {
        Warehouses.sql(warehouse).execute("CREATE TABLE load_log (job_id VARCHAR(64))");
        UUID jobId = UUID.randomUUID();

        run(jobId, Map.of("sql", "INSERT INTO load_log (job_id) VALUES (:jobId)"));

        assertThat(Warehouses.sql(warehouse).queryForObject("SELECT job_id FROM load_log", String.class))
                .isEqualTo(jobId.toString());
    }

    @Test
    void caps_select_results_and_says_they_were_truncated() throws Exception {
        for (int id = 1; id <= 5; id++) {
            Warehouses.sql(warehouse).update("INSERT INTO customer (id, name) VALUES (?, ?)", id, "c" + id);
        }

        Map<String, Object> capped = run(Map.of("sql", "SELECT id, name FROM customer ORDER BY id"));
        Map<String, Object> small = run(Map.of("sql", "SELECT id, name FROM customer WHERE id <= :max ORDER BY id",
                "parameters", Map.of("max", 2)));

        assertThat(capped).containsEntry("rowCount", 3).containsEntry("truncated", true);
        assertThat((List<?>) capped.get("rows")).hasSize(3).first().isEqualTo(Map.of("id", 1, "name", "c1"));
        assertThat(small).containsEntry("rowCount", 2).containsEntry("truncated", false);
    }

    @Test
    void runs_statements_in_one_transaction() {
        Throwable failure = catchThrowable(() -> run(Map.of("statements", List.of(
                "INSERT INTO customer (id, name) VALUES (1, 'first')",
                "INSERT INTO customer (id, name) VALUES (1, 'duplicate')"))));

        assertThat(failure).isNotNull();
        assertThat(Warehouses.sql(warehouse).queryForObject("SELECT count(*) FROM customer", Long.class)).isZero();
    }

    @Test
    void reports_a_sql_error_in_one_concise_line() {
        Throwable failure = catchThrowable(() -> run(Map.of("sql", "SELECT * FROM no_such_table")));

        String error = Failures.describe(failure);
        assertThat(error).containsIgnoringCase("no_such_table").doesNotContain("\n").doesNotContain("\tat ");
        assertThat(error.length()).isLessThan(300);
    }

    @Test
    void rejects_params_without_sql_as_not_retryable() {
        Throwable failure = catchThrowable(() -> run(Map.of("parameters", Map.of())));

        assertThat(failure).isInstanceOf(NonRetryableJobException.class);
    }

    protected Map<String, Object> run(Map<String, Object> params) throws Exception {
        return run(UUID.randomUUID(), params);
    }

    protected Map<String, Object> run(UUID jobId, Map<String, Object> params) throws Exception {
        return handler.execute(context(jobId, params, new Cancellation()));
    }

    protected JobContext context(UUID jobId, Map<String, Object> params, Cancellation cancellation) {
        return new JobContext(jobId, "default", "sql", 1, params, warehouse, cancellation, null);
    }

    protected SqlHandler handler() {
        return handler;
    }
}
