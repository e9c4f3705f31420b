package dev.conveyor.worker.load;

import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.nio.file.Path;

class PostgresLoadHandlerTest extends LoadHandlerContract {

    @Override
    protected Warehouse newWarehouse(Path directory) {
        return Warehouses.postgres(directory);
    }
}
