package dev.conveyor.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.worker.handler.Cancellation;
import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.support.WarehouseContract;
import dev.conveyor.worker.support.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the export handler promises on every warehouse; each database subclasses it. */
abstract class ExportHandlerContract extends WarehouseContract {

    private final ExportHandler handler = new ExportHandler();

    @BeforeEach
    void createTable() {
        Warehouses.sql(warehouse).execute("CREATE TABLE revenue (region VARCHAR(20), revenue NUMERIC(10, 2))");
        Warehouses.sql(warehouse).execute("INSERT INTO revenue VALUES ('north', 10.50), ('south', 20.00), ('east', 5.25)");
    }

    @Test
    void exports_a_table_to_csv_creating_directories() throws Exception {
        Path target = directory.resolve("out/nested/revenue.csv");

        Map<String, Object> result = export(Map.of("table", "revenue", "path", target.toString()));

        assertThat(result).containsEntry("path", target.toString()).containsEntry("rowCount", 3L)
                .containsEntry("format", "csv").containsEntry("bytes", Files.size(target));
        assertThat(Files.readAllLines(target)).hasSize(4).first().isEqualTo("region,revenue");
    }

    @Test
    void exports_a_query_without_header_and_replaces_the_file_atomically() throws Exception {
        Path target = directory.resolve("north.csv");
        Files.writeString(target, "old contents that must go\n".repeat(100));

        Map<String, Object> result = export(Map.of("query", "SELECT region FROM revenue WHERE revenue > 6 ORDER BY region;",
                "path", target.toString(), "header", false));

        assertThat(result).containsEntry("rowCount", 2L);
        assertThat(Files.readAllLines(target)).containsExactly("north", "south");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void a_failed_export_leaves_the_previous_file_alone() throws Exception {
        Path target = Files.createDirectories(directory.resolve("kept")).resolve("keep.csv");
        Files.writeString(target, "previous\n");

        Throwable failure = catchThrowable(() -> export(Map.of("query", "SELECT * FROM no_such_table",
                "path", target.toString())));

        assertThat(failure).isNotNull();
        assertThat(Files.readString(target)).isEqualTo("previous\n");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void rejects_bad_params_as_not_retryable() {
        assertThat(catchThrowable(() -> export(Map.of("path", directory.resolve("x.csv").toString()))))
                .isInstanceOf(NonRetryableJobException.class);
        assertThat(catchThrowable(() -> export(Map.of("table", "revenue", "path", directory.resolve("x.json").toString()))))
                .isInstanceOf(NonRetryableJobException.class).hasMessageContaining("params.format");
    }

    @Test
    void cancelling_stops_a_long_export() {
        Cancellation cancellation = new Cancellation();
        long started = System.nanoTime();
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                .execute(() -> cancellation.cancel(Cancellation.Reason.REQUESTED));

        Throwable failure = catchThrowable(() -> handler.execute(Warehouses.context(warehouse, "export",
                Map.of("query", slowQuery(), "path", directory.resolve("slow.csv").toString()), cancellation)));

        assertThat(failure).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(directory.resolve("slow.csv")).doesNotExist();
    }

    protected Map<String, Object> export(Map<String, Object> params) throws Exception {
        return handler.execute(Warehouses.context(warehouse, "export", params, new Cancellation()));
    }
}
