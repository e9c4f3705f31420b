package dev.conveyor.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuckDbExportHandlerTest extends ExportHandlerContract {

    @Override
    protected Warehouse newWarehouse(Path directory) {
        return Warehouses.duckDb(directory);
    }

    @Override
    protected String slowQuery() {
        return "SELECT * FROM range(100000000000) AS r(i) WHERE i % 1000000007 = 1000000006 AND i > 99999999999";
    }

    @Test
    void exports_parquet() throws Exception {
        Path target = directory.resolve("revenue.parquet");

        Map<String, Object> result = export(Map.of("table", "revenue", "path", target.toString()));

        assertThat(result).containsEntry("format", "parquet").containsEntry("rowCount", 3L)
                .containsEntry("bytes", Files.size(target));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), sum(revenue) FROM read_parquet('" + target + "')")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(3);
            assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("35.75");
        }
    }
}
