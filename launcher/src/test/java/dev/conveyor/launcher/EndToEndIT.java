package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.conveyor.launcher.ConveyorApi.accepted;
import static org.awaitility.Awaitility.await;

import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole system as a user runs it: frontend, scheduler and two worker pools (one on a DuckDB
 * warehouse, one on a PostgreSQL warehouse reached through a tenant route) against a real
 * PostgreSQL and a real Kafka broker process that this test stops and starts again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {

    private static final String POSTGRES_TENANT = "pgwh";
    private static final String POSTGRES_SQL_TOPIC = "conveyor.jobs.sql-postgres";
    /** The sample pipeline shipped with the repository, run exactly as the README submits it. */
    private static final Path EXAMPLES = Path.of("..", "examples", "sales-pipeline").toAbsolutePath().normalize();

    private KafkaBrokerProcess kafka;
    private ConveyorSystem system;
    private ConveyorApi api;
    private ConveyorApi postgresTenantApi;
    private TestPostgres.Database postgresWarehouse;
    private Path filesDirectory;

    @BeforeAll
    void startSystem(@TempDir Path warehouseDirectory) throws Exception {
        kafka = KafkaBrokerProcess.start();
        TestPostgres.Database database = TestPostgres.newDatabase();
        postgresWarehouse = TestPostgres.newDatabase();
        try (Connection warehouse = connect(postgresWarehouse); Statement sql = warehouse.createStatement()) {
            sql.execute("CREATE TABLE effects (job_key text NOT NULL)");
        }

        Map<String, Object> shared = new HashMap<>();
        shared.put("spring.datasource.url", database.jdbcUrl());
        shared.put("spring.datasource.username", database.username());
        shared.put("spring.datasource.password", database.password());
        shared.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        shared.put("spring.cloud.stream.kafka.binder.brokers", kafka.bootstrapServers());
        shared.put("server.port", "0");
        shared.put("conveyor.scheduler.routes[" + POSTGRES_TENANT + ".sql]", POSTGRES_SQL_TOPIC);
        shared.put("conveyor.scheduler.sweep.interval", "500ms");
        shared.put("conveyor.scheduler.sweep.lost-message-after", "2s");

        // relative paths in the sample manifest resolve against a copy of the repository's examples
        filesDirectory = warehouseDirectory.resolve("files");
        copyExamples(filesDirectory);
        Map<String, Object> duckdbWorker = Map.of(
                "conveyor.warehouse.url", "jdbc:duckdb:" + warehouseDirectory.resolve("warehouse.duckdb"),
                "conveyor.warehouse.files-directory", filesDirectory.toString(),
                "conveyor.worker.id", "worker-duckdb");
        system = ConveyorSystem.start(shared, Map.of(Service.WORKER, duckdbWorker));
        system.startService(Service.WORKER, shared, Map.of(
                "conveyor.warehouse.url", postgresWarehouse.jdbcUrl(),
                "conveyor.warehouse.username", postgresWarehouse.username(),
                "conveyor.warehouse.password", postgresWarehouse.password(),
                "conveyor.worker.id", "worker-postgres",
                "conveyor.worker.group", "conveyor-workers-postgres",
                "conveyor.worker.topics", POSTGRES_SQL_TOPIC));
        api = new ConveyorApi(system.port(Service.FRONTEND));
        postgresTenantApi = new ConveyorApi(system.port(Service.FRONTEND), POSTGRES_TENANT);

        String created = succeeded(api.submit("sql", Map.of("sql", "CREATE TABLE effects (job_key VARCHAR NOT NULL)")));
        assertThat(created).isNotNull();
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void every_job_succeeds_exactly_once_on_both_warehouses() throws Exception {
        Map<String, ConveyorApi> submittedBy = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            submittedBy.put(accepted(api.submit("noop", Map.of())), api);
        }
        for (int i = 0; i < 20; i++) {
            submittedBy.put(accepted(api.submit("sql", insertEffect("duck-" + i))), api);
            submittedBy.put(accepted(postgresTenantApi.submit("sql", insertEffect("pg-" + i))), postgresTenantApi);
        }

        await("every job SUCCEEDED").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(statesOf(submittedBy)).containsOnlyKeys("SUCCEEDED"));

        List<String> ids = new ArrayList<>(submittedBy.keySet());
        for (String id : ids.subList(195, ids.size())) {
            long runs = submittedBy.get(id).history(id).stream().filter(move -> "RUNNING".equals(move.to())).count();
            assertThat(runs).as("claims of %s", id).isEqualTo(1);
        }
        String count = succeeded(api.submit("sql", Map.of(
                "sql", "SELECT count(*) AS n, count(DISTINCT job_key) AS distinct_keys FROM effects")));
        JsonNode row = api.job(count).path("result").path("rows").get(0);
        assertThat(row.path("n").asLong()).isEqualTo(20);
        assertThat(row.path("distinct_keys").asLong()).isEqualTo(20);
        try (Connection warehouse = connect(postgresWarehouse); Statement sql = warehouse.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*), count(DISTINCT job_key) FROM effects")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(20);
            assertThat(rows.getLong(2)).isEqualTo(20);
        }
    }

    @Test
    void bad_input_gets_a_problem_and_stores_nothing() {
        assertThat(api.post("/api/v1/jobs", "{not json", "application/json", Map.of()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobs", "type=noop", "text/plain", Map.of()).status()).isEqualTo(415);
        assertThat(api.submit("no-such-type", Map.of()).status()).isEqualTo(422);
        assertThat(api.submit("sql", Map.of("sql", 42)).status()).isEqualTo(422);
        assertThat(api.submit("noop", Map.of("blob", "x".repeat(200 * 1024))).status()).isEqualTo(413);
        ConveyorApi.Response unknown = api.get("/api/v1/jobs/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_job_submitted_while_kafka_is_down_completes_once_kafka_is_back() {
        kafka.stop();
        String id;
        try {
            id = accepted(api.submit("sql", Map.of("sql", "SELECT 42 AS answer")));
            assertThat(api.state(id)).isEqualTo("SUBMITTED");
        } finally {
            kafka.restart();
        }

        await("job submitted during the outage SUCCEEDED").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "SUCCEEDED".equals(api.state(id)));
        assertThat(api.job(id).path("result").path("rows").get(0).path("answer").asInt()).isEqualTo(42);
    }

    @Test
    void the_sample_pipeline_loads_transforms_checks_and_exports() throws Exception {
        String manifest = Files.readString(EXAMPLES.resolve("manifest.json"));

        JsonNode finished = runManifest(manifest);

        assertThat(finished.path("state").asString()).as("manifest %s", finished).isEqualTo("SUCCEEDED");
        JsonNode export = jobWithKey(finished, "export_revenue");
        assertThat(export.path("result").path("rowCount").asLong()).isEqualTo(4);
        Path exported = filesDirectory.resolve("data/exports/revenue_by_region.csv");
        assertThat(export.path("result").path("path").asString()).isEqualTo(exported.toString());
        assertThat(Files.readAllLines(exported)).hasSize(5).first().asString().startsWith("region,");
        assertThat(jobWithKey(finished, "check_revenue").path("result").path("passed").asBoolean()).isTrue();
    }

    @Test
    void bad_data_fails_the_check_and_skips_the_export() throws Exception {
        String manifest = Files.readString(EXAMPLES.resolve("manifest.json"))
                .replace("examples/sales-pipeline/orders.csv", "examples/sales-pipeline/orders-bad.csv")
                .replace("\"name\": \"sales-pipeline\"", "\"name\": \"sales-pipeline-bad-data\"");

        JsonNode finished = runManifest(manifest);

        assertThat(finished.path("state").asString()).isEqualTo("FAILED");
        JsonNode check = jobWithKey(finished, "check_revenue");
        assertThat(check.path("state").asString()).isEqualTo("FAILED");
        assertThat(check.path("error").asString()).contains("assertions failed").contains("no negative orders");
        assertThat(jobWithKey(finished, "export_revenue").path("state").asString()).isEqualTo("SKIPPED");
        assertThat(jobWithKey(finished, "load_orders").path("state").asString()).isEqualTo("SUCCEEDED");
    }

    private JsonNode runManifest(String manifest) {
        ConveyorApi.Response submitted = api.post("/api/v1/manifests", manifest, "application/json", Map.of());
        assertThat(submitted.status()).as("POST answered %s", submitted.body()).isEqualTo(202);
        String location = submitted.location();
        await("manifest " + location + " finished").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> !"RUNNING".equals(api.get(location).body().path("state").asString()));
        return api.get(location).body();
    }

    private static JsonNode jobWithKey(JsonNode manifest, String key) {
        return manifest.path("jobs").valueStream().filter(job -> key.equals(job.path("key").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + key + " in " + manifest));
    }

    private static void copyExamples(Path target) throws Exception {
        Path copy = target.resolve("examples/sales-pipeline");
        Files.createDirectories(copy);
        try (var files = Files.list(EXAMPLES)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
    }

    private static Map<String, Object> insertEffect(String key) {
        return Map.of("sql", "INSERT INTO effects (job_key) VALUES (:key)", "parameters", Map.of("key", key));
    }

    private String succeeded(ConveyorApi.Response response) {
        String id = accepted(response);
        await("job " + id + " SUCCEEDED").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    String state = api.state(id);
                    assertThat(state).as("job %s: %s", id, api.job(id)).isNotIn("FAILED", "CANCELLED", "SKIPPED");
                    return "SUCCEEDED".equals(state);
                });
        return id;
    }

    /** How many jobs are in each state, so a timeout shows where jobs got stuck. */
    private static Map<String, Long> statesOf(Map<String, ConveyorApi> submittedBy) {
        Map<String, Long> counts = new TreeMap<>();
        submittedBy.forEach((id, client) -> counts.merge(client.state(id), 1L, Long::sum));
        return counts;
    }

    private static Connection connect(TestPostgres.Database database) throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
