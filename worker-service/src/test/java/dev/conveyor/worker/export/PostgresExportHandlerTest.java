package dev.conveyor.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresExportHandlerTest extends ExportHandlerContract {

    @Override
    protected Warehouse newWarehouse(Path directory) {
        return Warehouses.postgres(directory);
    }

    @Override
    protected String slowQuery() {
        return "SELECT 1 FROM pg_sleep(30)";
    }

    @Test
    void refuses_parquet_clearly() {
        Throwable failure = catchThrowable(() -> export(Map.of("table", "revenue",
                "path", directory.resolve("revenue.parquet").toString())));

        assertThat(failure).isInstanceOf(NonRetryableJobException.class).hasMessageContaining("Parquet needs a DuckDB");
    }
}
