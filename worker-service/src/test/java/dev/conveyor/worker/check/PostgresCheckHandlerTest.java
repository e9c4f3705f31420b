package dev.conveyor.worker.check;

import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.nio.file.Path;

class PostgresCheckHandlerTest extends CheckHandlerContract {

    @Override
    protected Warehouse newWarehouse(Path directory) {
        return Warehouses.postgres(directory);
    }

    @Override
    protected String slowQuery() {
        return "SELECT 1 FROM pg_sleep(30)";
    }
}
