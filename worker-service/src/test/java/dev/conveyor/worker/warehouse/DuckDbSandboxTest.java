package dev.conveyor.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.worker.execution.Failures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Caller-written SQL on the embedded DuckDB warehouse reaches files only inside the files directory,
 * whatever connection of the pool runs it and whatever the SQL tries.
 */
class DuckDbSandboxTest extends SandboxedWarehouseTest {

    @BeforeEach
    void writeAFileInside() throws Exception {
        Files.writeString(files.resolve("inside.csv"), "id,name\n1,north\n");
    }

    @Test
    void readsAndWritesInsideTheFilesDirectory() {
        String inside = files.resolve("inside.csv").toString();
        warehouse.jdbc().getJdbcTemplate().execute("CREATE TABLE regions AS SELECT * FROM read_csv('" + inside + "')");
        warehouse.jdbc().getJdbcTemplate().execute("COPY regions TO '" + files.resolve("copy.csv") + "' (HEADER)");
        warehouse.jdbc().getJdbcTemplate().execute("CHECKPOINT");

        assertThat(files.resolve("copy.csv")).content().contains("north");
        assertThat(warehouse.jdbc().getJdbcTemplate().queryForObject("SELECT count(*) FROM regions", Long.class))
                .isEqualTo(1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT content FROM read_text('/etc/passwd')",
            "SELECT content FROM read_text('/proc/self/environ')",
            "SELECT * FROM read_csv('%outside%/secret.csv')",
            "SELECT * FROM read_csv('%files%/../outside/secret.csv')",
            "COPY (SELECT 1 AS x) TO '%outside%/written.csv'",
            "COPY (SELECT 1 AS x) TO '/tmp/conveyor-sandbox-escape.csv'",
            "ATTACH '%outside%/other.duckdb' AS other",
            "SELECT * FROM read_csv('http://169.254.169.254/latest/meta-data/')",
            "SET enable_external_access = true",
            "SET allowed_directories = ['/']",
            "RESET lock_configuration"})
    void refusesEverythingOutsideTheFilesDirectory(String template) {
        String sql = template.replace("%outside%", outside.toString()).replace("%files%", files.toString());

        Throwable refused = catchThrowable(() -> warehouse.jdbc().getJdbcTemplate().execute(sql));

        assertThat(refused).as(sql).isNotNull();
        assertThat(Failures.isRetryable(refused)).as("retrying %s would fail the same way", sql).isFalse();
        assertThat(outside.resolve("written.csv")).doesNotExist();
        assertThat(Path.of("/tmp/conveyor-sandbox-escape.csv")).doesNotExist();
    }

    @Test
    void everyPooledConnectionIsConfined() throws Exception {
        // hold all three connections of the pool at once, so each was opened and checked on its own
        List<java.sql.Connection> held = List.of(warehouse.dataSource().getConnection(),
                warehouse.dataSource().getConnection(), warehouse.dataSource().getConnection());
        try {
            for (java.sql.Connection connection : held) {
                try (var statement = connection.createStatement()) {
                    Throwable refused = catchThrowable(() -> statement.executeQuery(
                            "SELECT content FROM read_text('/etc/hostname')"));
                    assertThat(refused).hasMessageContaining("Permission Error");
                }
            }
        } finally {
            for (java.sql.Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void anInMemoryWarehouseIsConfinedOnEveryConnection() throws Exception {
        // every in-memory connection is a database of its own, so each must be confined by itself
        try (Warehouse inMemory = new Warehouse(new WarehouseProperties("jdbc:duckdb:", null, null, 2,
                files.toString(), Map.of(), false))) {
            List<java.sql.Connection> held = List.of(inMemory.dataSource().getConnection(),
                    inMemory.dataSource().getConnection());
            try {
                for (java.sql.Connection connection : held) {
                    try (var statement = connection.createStatement()) {
                        assertThat(catchThrowable(() -> statement.executeQuery(
                                "SELECT content FROM read_text('/etc/hostname')"))).hasMessageContaining("Permission Error");
                    }
                }
            } finally {
                for (java.sql.Connection connection : held) {
                    connection.close();
                }
            }
        }
    }
}
