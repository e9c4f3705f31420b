package dev.conveyor.worker.support;

import dev.conveyor.worker.warehouse.Warehouse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a handler promises on every warehouse: a contract extends this, and each database extends the contract
 * with its warehouse and a query slow enough to cancel.
 */
public abstract class WarehouseContract {

    @TempDir
    protected Path directory;
    protected Warehouse warehouse;

    protected abstract Warehouse newWarehouse(Path directory);

    /** A query that runs for about 30 seconds unless cancelled. */
    protected abstract String slowQuery();

    @BeforeEach
    void openWarehouse() {
        warehouse = newWarehouse(directory);
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }
}
