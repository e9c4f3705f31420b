package dev.conveyor.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.worker.execution.Failures;
import dev.conveyor.worker.export.ExportHandler;
import dev.conveyor.worker.handler.Cancellation;
import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.load.LoadHandler;
import dev.conveyor.worker.load.LoadProperties;
import dev.conveyor.worker.support.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/** Loads read and exports write only inside the files directory, however the path tries to leave it. */
class FilesConfinementTest extends SandboxedWarehouseTest {

    @BeforeEach
    void linkOutOfTheFilesDirectory() throws Exception {
        Files.writeString(files.resolve("orders.csv"), "id,region\n1,north\n");
        Files.createSymbolicLink(files.resolve("escape"), outside);
        Files.createSymbolicLink(files.resolve("secret-link.csv"), outside.resolve("secret.csv"));
    }

    @Test
    void resolvesPathsInsideTheFilesDirectory() {
        assertThat(warehouse.confined("orders.csv")).contains(files.resolve("orders.csv"));
        assertThat(warehouse.confined("exports/new/revenue.csv")).contains(files.resolve("exports/new/revenue.csv"));
        assertThat(warehouse.confined(files.resolve("a/../orders.csv").toString())).contains(files.resolve("orders.csv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/secret.csv", "/etc/passwd", "escape/secret.csv", "secret-link.csv",
            "escape/new-file.csv", "a/../../outside/secret.csv"})
    void refusesPathsThatLeaveIt(String path) {
        assertThat(warehouse.confined(path)).isEmpty();
    }

    @Test
    void aLoadOutsideFailsForGoodNamingItsField() {
        LoadHandler load = new LoadHandler(new LoadProperties(List.of("https"), List.of(), false,
                DataSize.ofMegabytes(1), Duration.ofSeconds(5)));

        Throwable refused = catchThrowable(() -> load.execute(Warehouses.context(warehouse, "load",
                Map.of("source", "escape/secret.csv", "table", "stolen"), new Cancellation())));

        assertThat(refused).isInstanceOf(NonRetryableJobException.class)
                .hasMessage("params.source: escape/secret.csv is outside the files directory");
        assertThat(Failures.isRetryable(refused)).isFalse();
    }

    @Test
    void anExportOutsideFailsForGoodAndWritesNothing() {
        ExportHandler export = new ExportHandler();
        warehouse.jdbc().getJdbcTemplate().execute("CREATE TABLE revenue AS SELECT 1 AS amount");

        Throwable refused = catchThrowable(() -> export.execute(Warehouses.context(warehouse, "export",
                Map.of("table", "revenue", "path", "../outside/revenue.csv"), new Cancellation())));

        assertThat(refused).isInstanceOf(NonRetryableJobException.class)
                .hasMessage("params.path: ../outside/revenue.csv is outside the files directory");
        assertThat(outside.resolve("revenue.csv")).doesNotExist();
    }
}
