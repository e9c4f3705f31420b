package dev.conveyor.worker.handler;

import dev.conveyor.worker.warehouse.Warehouse;
import dev.conveyor.worker.warehouse.WarehouseProperties;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class DuckDbSqlHandlerTest extends SqlHandlerContract {

    @TempDir
    Path directory;

    @Override
    protected Warehouse newWarehouse() {
        // a directory that does not exist yet: the warehouse creates it
        Path file = directory.resolve("nested").resolve("warehouse.duckdb");
        return new Warehouse(new WarehouseProperties("jdbc:duckdb:" + file, null, null, 2, null, Map.of(), false));
    }
}
