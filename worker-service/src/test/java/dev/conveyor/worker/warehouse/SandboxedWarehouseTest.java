package dev.conveyor.worker.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded DuckDB warehouse confined to {@link #files}, with a directory beside it that it must never reach
 * holding {@code secret.csv}. The database file lives outside the files directory, as it does by default.
 */
abstract class SandboxedWarehouseTest {

    @TempDir
    Path directory;

    Path files;
    Path outside;
    Warehouse warehouse;

    @BeforeEach
    void startSandboxedWarehouse() throws Exception {
        files = Files.createDirectories(directory.resolve("files"));
        outside = Files.createDirectories(directory.resolve("outside"));
        Files.writeString(outside.resolve("secret.csv"), "token\nhunter2\n");
        String url = "jdbc:duckdb:" + directory.resolve("db").resolve("warehouse.duckdb");
        warehouse = new Warehouse(new WarehouseProperties(url, null, null, 3, files.toString(), Map.of(), false));
    }

    @AfterEach
    void closeSandboxedWarehouse() {
        warehouse.close();
    }
}
