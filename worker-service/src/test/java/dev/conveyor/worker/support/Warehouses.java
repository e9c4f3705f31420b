package dev.conveyor.worker.support;

import dev.conveyor.testsupport.TestPostgres;
import dev.conveyor.worker.handler.Cancellation;
import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.warehouse.Warehouse;
import dev.conveyor.worker.warehouse.WarehouseProperties;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Warehouses for handler tests (a DuckDB file, a fresh PostgreSQL database) and contexts on them. */
public final class Warehouses {

    private Warehouses() {
    }

    public static Warehouse duckDb(Path directory) {
        return new Warehouse(new WarehouseProperties("jdbc:duckdb:" + directory.resolve("warehouse.duckdb"), null, null, 2,
                directory.toString(), Map.of(), false));
    }

    /** A fresh PostgreSQL database as the warehouse, with {@code directory} as its files directory. */
    public static Warehouse postgres(Path directory) {
        TestPostgres.Database database = TestPostgres.newDatabase();
        return new Warehouse(new WarehouseProperties(database.jdbcUrl(), database.username(), database.password(), 2,
                directory.toString(), Map.of(), false));
    }

    /** Plain JDBC on the warehouse, for a test to set up tables and look at what a handler wrote. */
    public static JdbcTemplate sql(Warehouse warehouse) {
        return warehouse.jdbc().getJdbcTemplate();
    }

    public static JobContext context(Warehouse warehouse, String type, Map<String, Object> params,
            Cancellation cancellation) {
        return new JobContext(UUID.randomUUID(), "default", type, 1, params, warehouse, cancellation, null);
    }
}
