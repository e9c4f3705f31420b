package dev.conveyor.worker.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded DuckDB warehouse confined to {@code files}, with a directory beside it that it must never reach
 * holding {@code secret.csv}. The database file lives outside the files directory, as it does by default.
 */
record SandboxedWarehouse(Path files, Path outside, Warehouse warehouse) implements AutoCloseable {

    static final String SECRET = "hunter2";

    static SandboxedWarehouse in(Path directory) throws IOException {
        Path files = Files.createDirectories(directory.resolve("files"));
        Path outside = Files.createDirectories(directory.resolve("outside"));
        Files.writeString(outside.resolve("secret.csv"), "token\n" + SECRET + "\n");
        String url = "jdbc:duckdb:" + directory.resolve("db").resolve("warehouse.duckdb");
        return new SandboxedWarehouse(files, outside, new Warehouse(new WarehouseProperties(url, null, null, 3,
                files.toString())));
    }

    @Override
    public void close() {
        warehouse.close();
    }
}
