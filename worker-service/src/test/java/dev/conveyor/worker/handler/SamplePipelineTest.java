package dev.conveyor.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.conveyor.worker.check.CheckHandler;
import dev.conveyor.worker.export.ExportHandler;
import dev.conveyor.worker.load.LoadHandler;
import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import dev.conveyor.worker.load.LoadProperties;
import org.springframework.util.unit.DataSize;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample pipeline in {@code examples/sales-pipeline} against the worker's handlers: its params
 * match their schemas, and its steps run in order on both warehouses, passing on the good orders and
 * failing the check on the bad ones.
 */
class SamplePipelineTest {

    private static final Path EXAMPLE = Path.of("../examples/sales-pipeline");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    private final Map<String, JobHandler> handlers = Map.of(
            "load", new LoadHandler(new LoadProperties(List.of("https"), List.of(), false, DataSize.ofMegabytes(1),
                    Duration.ofSeconds(5))), "sql", new SqlHandler(100), "check", new CheckHandler(),
            "export", new ExportHandler());

    @Test
    void every_job_of_the_manifest_has_params_its_schema_accepts() throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (JsonNode job : manifest().get("jobs")) {
            JobHandler handler = handlers.get(job.get("type").asString());
            assertThat(handler).as(job.get("key").asString()).isNotNull();
            Schema schema = registry.getSchema(JSON.readTree(handler.definition().schema().text()));
            assertThat(schema.validate(job.get("params"))).as(job.get("key").asString()).isEmpty();
        }
    }

    static Stream<String> warehouses() {
        return Stream.of("duckdb", "postgresql");
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void runs_on_good_orders_and_fails_the_check_on_bad_ones(String kind) throws Exception {
        try (Warehouse warehouse = kind.equals("duckdb") ? Warehouses.duckDb(directory) : Warehouses.postgres(directory)) {
            Map<String, Object> exported = run(warehouse, "orders.csv").get("export_revenue");
            assertThat(exported).containsEntry("rowCount", 4L);

            Throwable failed = catchThrowable(() -> run(warehouse, "orders-bad.csv"));
            // customer 99 has no region, so "unknown" is a fifth region: the row count fails as well
            assertThat(failed).isInstanceOf(NonRetryableJobException.class).hasMessage("3 of 5 assertions failed: "
                    + "one row per region (5 rows, expected 1 to 4), accepted_values region (1 rows), "
                    + "no negative orders (1 rows)");
        }
    }

    /** Runs the manifest's jobs in their listed order (which respects dependsOn), as the scheduler would. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> run(Warehouse warehouse, String ordersFile) throws Exception {
        Map<String, Map<String, Object>> results = new HashMap<>();
        for (JsonNode job : manifest().get("jobs")) {
            String key = job.get("key").asString();
            String params = JSON.writeValueAsString(job.get("params"))
                    .replace("${jobs.load_orders.result.table}", "orders")
                    .replace("${jobs.load_customers.result.table}", "customers")
                    .replace("examples/sales-pipeline/orders.csv", copied(ordersFile).toString())
                    .replace("examples/sales-pipeline/customers.csv", copied("customers.csv").toString())
                    .replace("data/exports/", directory.resolve("exports").toString() + "/");
            JobHandler handler = handlers.get(job.get("type").asString());
            results.put(key, handler.execute(Warehouses.context(warehouse, handler.type(),
                    JSON.readValue(params, Map.class), new Cancellation())));
        }
        assertThat(Files.exists(directory.resolve("exports/revenue_by_region.csv"))).isTrue();
        return results;
    }

    /** A sample file copied into the warehouse's files directory, the only one its jobs may read. */
    private Path copied(String file) throws Exception {
        return Files.copy(EXAMPLE.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    private static JsonNode manifest() throws Exception {
        return JSON.readTree(Files.readString(EXAMPLE.resolve("manifest.json")));
    }
}
