package dev.conveyor.worker.check;

import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.nio.file.Path;

class DuckDbCheckHandlerTest extends CheckHandlerContract {

    @Override
    protected Warehouse newWarehouse(Path directory) {
        return Warehouses.duckDb(directory);
    }

    @Override
    protected String slowQuery() {
        return "SELECT * FROM range(100000000000) AS r(i) WHERE i % 1000000007 = 1000000006 AND i > 99999999999";
    }
}
