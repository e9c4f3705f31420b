package dev.conveyor.worker.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.worker.handler.Cancellation;
import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.springframework.util.unit.DataSize;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the load handler promises on every warehouse; each database subclasses it. */
abstract class LoadHandlerContract {

    /** The sample pipeline's files, as the manifest names them relative to the repository root. */
    private static final Path EXAMPLE_ORDERS = Path.of("../examples/sales-pipeline/orders.csv");
    /** The sample orders, copied into the warehouse's files directory (the only one a load may read). */
    Path orders;

    @TempDir
    Path directory;
    Warehouse warehouse;
    /** Tests serve their downloads from 127.0.0.1, which the default rules refuse. */
    static final LoadProperties LOCAL_DOWNLOADS = new LoadProperties(List.of("http"), List.of(), true,
            DataSize.ofMegabytes(10), Duration.ofSeconds(30));

    private final LoadHandler handler = new LoadHandler(LOCAL_DOWNLOADS);

    protected abstract Warehouse newWarehouse(Path directory);

    @BeforeEach
    void open() throws Exception {
        orders = Files.copy(EXAMPLE_ORDERS, directory.resolve("orders.csv"));
        warehouse = newWarehouse(directory);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void loads_a_csv_replacing_the_table_with_inferred_types() throws Exception {
        Map<String, Object> first = load(Map.of("source", orders.toString(), "table", "orders"));
        Map<String, Object> second = load(Map.of("source", orders.toString(), "table", "orders", "mode", "replace"));

        assertThat(first).isEqualTo(Map.of("table", "orders", "rowCount", 60L));
        assertThat(second).containsEntry("rowCount", 60L);
        assertThat(count("orders")).isEqualTo(60);
        // numbers and dates are typed, so sums and date arithmetic work on both warehouses
        assertThat(Warehouses.sql(warehouse).queryForObject(
                "SELECT sum(amount) FROM orders WHERE ordered_on >= DATE '2026-10-01'", BigDecimal.class))
                .isPositive();
    }

    @Test
    void appends_matching_columns_by_name() throws Exception {
        load(Map.of("source", orders.toString(), "table", "orders"));

        Map<String, Object> appended = load(Map.of("source", orders.toString(), "table", "orders", "mode", "append"));

        assertThat(appended).containsEntry("rowCount", 60L);
        assertThat(count("orders")).isEqualTo(120);
    }

    @Test
    void reads_a_delimiter_and_no_header_when_told() throws Exception {
        Path file = directory.resolve("plain.txt");
        Files.writeString(file, "1;north\n2;south\n");

        Map<String, Object> result = load(Map.of("source", file.toString(), "table", "regions", "format", "csv",
                "header", false, "delimiter", ";"));

        assertThat(result).containsEntry("rowCount", 2L);
    }

    @Test
    void loads_parquet() throws Exception {
        Path parquet = directory.resolve("orders.parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + orders + "')) TO '" + parquet
                    + "' (FORMAT parquet)");
        }

        Map<String, Object> result = load(Map.of("source", parquet.toString(), "table", "orders_pq"));

        assertThat(result).containsEntry("rowCount", 60L);
        assertThat(count("orders_pq")).isEqualTo(60);
    }

    @Test
    void downloads_an_http_source_first() throws Exception {
        byte[] body = Files.readAllBytes(orders);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/data/orders.csv", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            Map<String, Object> result = load(Map.of("source", base + "/data/orders.csv?version=1", "table", "web_orders"));
            Throwable missing = catchThrowable(() -> load(Map.of("source", base + "/nothing.csv", "table", "web_orders")));

            assertThat(result).containsEntry("rowCount", 60L);
            assertThat(count("web_orders")).isEqualTo(60);
            assertThat(missing).isInstanceOf(NonRetryableJobException.class).hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void rejects_bad_params_as_not_retryable() {
        assertThat(catchThrowable(() -> load(Map.of("source", orders.toString(), "table", "orders; DROP TABLE x"))))
                .isInstanceOf(NonRetryableJobException.class).hasMessageContaining("params.table");
        assertThat(catchThrowable(() -> load(Map.of("source", "no/such/file.csv", "table", "orders"))))
                .isInstanceOf(NonRetryableJobException.class).hasMessageContaining("no file at");
        assertThat(catchThrowable(() -> load(Map.of("source", "data.json", "table", "orders"))))
                .isInstanceOf(NonRetryableJobException.class).hasMessageContaining("params.format");
    }

    private Map<String, Object> load(Map<String, Object> params) throws Exception {
        return handler.execute(Warehouses.context(warehouse, "load", params, new Cancellation()));
    }

    private long count(String table) {
        return Warehouses.sql(warehouse).queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
