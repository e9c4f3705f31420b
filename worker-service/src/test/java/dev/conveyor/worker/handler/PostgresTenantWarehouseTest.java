package dev.conveyor.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.testsupport.TestPostgres;
import dev.conveyor.worker.check.CheckHandler;
import dev.conveyor.worker.execution.Failures;
import dev.conveyor.worker.export.ExportHandler;
import dev.conveyor.worker.load.LoadHandler;
import dev.conveyor.worker.load.LoadProperties;
import dev.conveyor.worker.warehouse.Warehouse;
import dev.conveyor.worker.warehouse.WarehouseProperties;
import dev.conveyor.worker.warehouse.WarehouseProperties.TenantRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

/**
 * Tenants mapped to PostgreSQL roles and schemas: two NOLOGIN roles granted to a warehouse user that is
 * not a superuser, each owning its schema, as an operator sets them up.
 */
class PostgresTenantWarehouseTest {

    // roles belong to the server, not the database: unique names per run
    private static final String SUFFIX = Long.toHexString(System.nanoTime());
    /** Needs quoting as an identifier: capitals and a double quote. */
    private static final String ACME_ROLE = "Acme\"Jobs_" + SUFFIX;
    private static final String ACME_SCHEMA = "acme_" + SUFFIX;
    private static final String GLOBEX_ROLE = "globex_jobs_" + SUFFIX;
    private static final String GLOBEX_SCHEMA = "globex_" + SUFFIX;
    private static final String WAREHOUSE_USER = "warehouse_" + SUFFIX;
    /** A role an operator forgot to grant to the warehouse user. */
    private static final String STRANGER_ROLE = "stranger_" + SUFFIX;

    private static TestPostgres.Database database;
    private static JdbcTemplate admin;

    @TempDir
    Path directory;
    private final List<Warehouse> opened = new ArrayList<>();

    @BeforeAll
    static void createTenants() {
        database = TestPostgres.newDatabase();
        admin = new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
        String acme = quoted(ACME_ROLE);
        admin.execute("CREATE ROLE " + WAREHOUSE_USER + " LOGIN PASSWORD 'warehouse' NOSUPERUSER NOCREATEROLE");
        admin.execute("CREATE ROLE " + acme + " NOLOGIN");
        admin.execute("CREATE ROLE " + GLOBEX_ROLE + " NOLOGIN");
        admin.execute("CREATE ROLE " + STRANGER_ROLE + " NOLOGIN");
        admin.execute("GRANT " + acme + ", " + GLOBEX_ROLE + " TO " + WAREHOUSE_USER);
        admin.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        admin.execute("CREATE SCHEMA " + ACME_SCHEMA + " AUTHORIZATION " + acme);
        admin.execute("CREATE SCHEMA " + GLOBEX_SCHEMA + " AUTHORIZATION " + GLOBEX_ROLE);
        admin.execute("CREATE TABLE " + GLOBEX_SCHEMA + ".secret (note text)");
        admin.execute("INSERT INTO " + GLOBEX_SCHEMA + ".secret VALUES ('globex only')");
        admin.execute("ALTER TABLE " + GLOBEX_SCHEMA + ".secret OWNER TO " + GLOBEX_ROLE);
    }

    @AfterEach
    void close() {
        opened.forEach(Warehouse::close);
    }

    @Test
    void a_tenants_sql_runs_as_its_role_and_creates_tables_in_its_schema() throws Exception {
        Warehouse warehouse = warehouse(2, false);

        Map<String, Object> identity = sql(warehouse, "acme", Map.of("sql",
                "SELECT current_user AS who, current_schema() AS schema"));
        sql(warehouse, "acme", Map.of("statements", List.of("CREATE TABLE orders (id int)", "INSERT INTO orders VALUES (1)")));

        assertThat(rows(identity)).containsExactly(Map.of("who", ACME_ROLE, "schema", ACME_SCHEMA));
        assertThat(admin.queryForMap("SELECT n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'orders'"))
                .isEqualTo(Map.of("schema", ACME_SCHEMA, "owner", ACME_ROLE));
    }

    @Test
    void a_tenant_cannot_read_another_tenants_schema() {
        Warehouse warehouse = warehouse(2, false);

        Throwable single = catchThrowable(() -> sql(warehouse, "acme", Map.of("sql",
                "SELECT note FROM " + GLOBEX_SCHEMA + ".secret")));
        Throwable inTransaction = catchThrowable(() -> sql(warehouse, "acme", Map.of("statements", List.of(
                "SELECT 1", "SELECT note FROM " + GLOBEX_SCHEMA + ".secret"))));

        for (Throwable failure : List.of(single, inTransaction)) {
            assertThat(failure).isInstanceOf(NonRetryableJobException.class);
            assertThat(Failures.describe(failure)).contains("permission denied for schema " + GLOBEX_SCHEMA);
        }
    }

    @Test
    void unqualified_names_resolve_to_the_tenants_schema_only() throws Exception {
        Warehouse warehouse = warehouse(2, false);

        Map<String, Object> globex = sql(warehouse, "globex", Map.of("sql", "SELECT note FROM secret"));
        Throwable acme = catchThrowable(() -> sql(warehouse, "acme", Map.of("sql", "SELECT note FROM secret")));

        assertThat(rows(globex)).containsExactly(Map.of("note", "globex only"));
        assertThat(Failures.describe(acme)).contains("relation \"secret\" does not exist");
        assertThat(Failures.isRetryable(acme)).isFalse();
    }

    @Test
    void the_pooled_connection_is_back_to_the_warehouse_user_after_each_job() throws Exception {
        Warehouse warehouse = warehouse(1, false);
        // jobs change their own sessions too; none of it may outlive the job
        Map<String, Object> acme = sql(warehouse, "acme", Map.of("statements", List.of(
                "SET search_path TO pg_catalog", "CREATE TEMPORARY TABLE leftover (id int)", "SELECT pg_backend_pid() AS pid")));
        Throwable failed = catchThrowable(() -> sql(warehouse, "globex", Map.of("statements", List.of(
                "CREATE TABLE scratch (id int)", "SELECT note FROM " + ACME_SCHEMA + ".orders"))));
        sql(warehouse, "initech", Map.of("statements", List.of("SET ROLE " + GLOBEX_ROLE)));

        Map<String, Object> unmapped = sql(warehouse, "initech", Map.of("sql", "SELECT current_user AS who,"
                + " current_setting('search_path') AS path, to_regclass('pg_temp.leftover') AS leftover, pg_backend_pid() AS pid"));

        assertThat(failed).isNotNull();
        Map<String, Object> session = rows(unmapped).getFirst();
        assertThat(session).containsEntry("who", WAREHOUSE_USER).containsEntry("path", "\"$user\", public")
                .containsEntry("leftover", null);
        assertThat(session.get("pid")).as("the same pooled connection").isEqualTo(rows(statement(acme, 2)).getFirst().get("pid"));
    }

    @Test
    void statements_the_driver_prepared_on_the_server_survive_the_reset() throws Exception {
        Warehouse warehouse = warehouse(1, false);
        List<String> statements = new ArrayList<>(Collections.nCopies(6, "SELECT current_user AS who"));
        statements.add("SELECT count(*) AS prepared FROM pg_prepared_statements WHERE statement = 'SELECT current_user AS who'");

        // the driver prepares a statement on the server from its fifth run on a connection and then reuses
        // it by name: after the reset of one job the next job's runs must not ask for the dropped one
        for (String tenant : List.of("acme", "globex", "initech")) {
            Map<String, Object> result = sql(warehouse, tenant, Map.of("statements", statements));

            assertThat(rows(statement(result, 5)).getFirst()).containsEntry("who",
                    Map.of("acme", ACME_ROLE, "globex", GLOBEX_ROLE, "initech", WAREHOUSE_USER).get(tenant));
            assertThat(rows(statement(result, 6)).getFirst()).as("prepared on the server").containsEntry("prepared", 1L);
        }
    }

    @Test
    void a_role_not_granted_to_the_warehouse_user_fails_for_good_and_leaves_the_pool_usable() throws Exception {
        Warehouse warehouse = warehouse(1, false);

        Throwable single = catchThrowable(() -> sql(warehouse, "hooli", Map.of("sql", "SELECT 1 AS one")));
        Throwable inTransaction = catchThrowable(() -> sql(warehouse, "hooli", Map.of("statements", List.of("SELECT 1"))));
        Map<String, Object> unmapped = sql(warehouse, "initech", Map.of("sql", "SELECT current_user AS who"));

        for (Throwable failure : List.of(single, inTransaction)) {
            assertThat(Failures.describe(failure)).contains("permission denied to set role");
            assertThat(Failures.isRetryable(failure)).isFalse();
        }
        assertThat(rows(unmapped)).containsExactly(Map.of("who", WAREHOUSE_USER));
    }

    @Test
    void check_runs_as_the_tenants_role_in_its_schema() throws Exception {
        Warehouse warehouse = warehouse(2, false);
        CheckHandler check = new CheckHandler();

        Map<String, Object> passed = run(check, warehouse, "globex", Map.of("table", "secret",
                "assertions", List.of(Map.of("type", "row_count", "min", 1))));
        Throwable denied = catchThrowable(() -> run(check, warehouse, "acme", Map.of("table", GLOBEX_SCHEMA + ".secret",
                "assertions", List.of(Map.of("type", "row_count", "min", 1)))));

        assertThat(passed).containsEntry("passed", true);
        assertThat(Failures.describe(denied)).contains("permission denied for schema " + GLOBEX_SCHEMA);
        assertThat(Failures.isRetryable(denied)).isFalse();
    }

    @Test
    void export_runs_as_the_tenants_role_in_its_schema() throws Exception {
        Warehouse warehouse = warehouse(2, false);
        ExportHandler export = new ExportHandler();

        run(export, warehouse, "globex", Map.of("table", "secret", "path", "secret.csv"));
        Throwable denied = catchThrowable(() -> run(export, warehouse, "acme", Map.of(
                "query", "SELECT note FROM " + GLOBEX_SCHEMA + ".secret", "path", "stolen.csv")));

        assertThat(Files.readAllLines(directory.resolve("secret.csv"))).containsExactly("note", "globex only");
        assertThat(Failures.describe(denied)).contains("permission denied for schema " + GLOBEX_SCHEMA);
        assertThat(Failures.isRetryable(denied)).isFalse();
        assertThat(directory.resolve("stolen.csv")).doesNotExist();
    }

    @Test
    void load_creates_its_table_in_the_tenants_schema() throws Exception {
        Warehouse warehouse = warehouse(2, false);
        Files.writeString(directory.resolve("regions.csv"), "region,revenue\nnorth,10\nsouth,20\n");
        LoadHandler load = new LoadHandler(new LoadProperties(List.of("https"), List.of(), false,
                DataSize.ofMegabytes(1), Duration.ofSeconds(5)));

        run(load, warehouse, "acme", Map.of("source", "regions.csv", "table", "regions"));

        assertThat(admin.queryForObject("SELECT count(*) FROM " + ACME_SCHEMA + ".regions", Long.class)).isEqualTo(2);
        assertThat(admin.queryForObject("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'regions'",
                String.class)).isEqualTo(ACME_ROLE);
    }

    @Test
    void require_tenant_mapping_refuses_an_unmapped_tenant_for_good() throws Exception {
        Warehouse warehouse = warehouse(2, true);

        Throwable refused = catchThrowable(() -> sql(warehouse, "initech", Map.of("sql", "SELECT 1 AS one")));
        Map<String, Object> mapped = sql(warehouse, "globex", Map.of("sql", "SELECT current_user AS who"));

        assertThat(refused).isInstanceOf(NonRetryableJobException.class)
                .hasMessageContaining("tenant initech has no warehouse role");
        assertThat(Failures.isRetryable(refused)).isFalse();
        assertThat(rows(mapped)).containsExactly(Map.of("who", GLOBEX_ROLE));
    }

    @Test
    void a_duckdb_warehouse_ignores_the_tenant_mapping() {
        Warehouse duckDb = open(new WarehouseProperties("jdbc:duckdb:" + directory.resolve("w.duckdb"), null, null, 1,
                directory.toString(), Map.of("acme", new TenantRole(ACME_ROLE, ACME_SCHEMA)), true));

        assertThat(duckDb.forTenant("acme")).isSameAs(duckDb);
        assertThat(duckDb.forTenant("initech")).isSameAs(duckDb);
    }

    private Warehouse warehouse(int poolSize, boolean requireTenantMapping) {
        // the test database's URL names its admin user, which would win over the warehouse user
        String url = database.jdbcUrl().replaceFirst("\\?.*$", "");
        return open(new WarehouseProperties(url, WAREHOUSE_USER, "warehouse", poolSize, directory.toString(),
                Map.of("acme", new TenantRole(ACME_ROLE, ACME_SCHEMA), "globex", new TenantRole(GLOBEX_ROLE, GLOBEX_SCHEMA),
                        "hooli", new TenantRole(STRANGER_ROLE, "hooli")),
                requireTenantMapping));
    }

    private Warehouse open(WarehouseProperties properties) {
        Warehouse warehouse = new Warehouse(properties);
        opened.add(warehouse);
        return warehouse;
    }

    private static Map<String, Object> sql(Warehouse warehouse, String tenant, Map<String, Object> params) throws Exception {
        return run(new SqlHandler(100), warehouse, tenant, params);
    }

    private static Map<String, Object> run(JobHandler handler, Warehouse warehouse, String tenant, Map<String, Object> params)
            throws Exception {
        return handler.execute(new JobContext(UUID.randomUUID(), tenant, handler.definition().type(), 1, params, warehouse,
                new Cancellation(), null));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("rows");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statement(Map<String, Object> result, int index) {
        return ((List<Map<String, Object>>) result.get("statements")).get(index);
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
