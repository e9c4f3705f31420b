package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.frontend.ApiTestClient;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobMoves;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.JobTypeStore;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.store.NewJob;
import dev.conveyor.testsupport.WithRealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API with authentication on: keys, roles, tenants and the management port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=frontend,application",
        "conveyor.security.enabled=true",
        "conveyor.security.admin-api-key=" + SecuredApiIT.ADMIN_KEY,
        SecuredApiIT.LIMITED_TENANT_TYPES,
        SecuredApiIT.THROTTLED_RATE,
        SecuredApiIT.THROTTLED_BURST})
@WithRealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredApiIT {

    static final String ADMIN_KEY = "bootstrap-admin-key-for-the-secured-api-test";
    static final String LIMITED = "secured-limited";
    static final String LIMITED_TENANT_TYPES = "conveyor.security.tenant-job-types." + LIMITED + "=noop,check";
    /** A tenant that may submit three jobs at once and then one per 100 s: {@link QuotaApiIT}. */
    static final String THROTTLED = "secured-throttled";
    static final String THROTTLED_RATE = "conveyor.security.quotas.tenants." + THROTTLED + ".rate=0.01";
    static final String THROTTLED_BURST = "conveyor.security.quotas.tenants." + THROTTLED + ".burst=3";
    private static final String OPEN_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
            """;
    private static final String MINE = "secured-mine";
    private static final String THEIRS = "secured-theirs";

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonColumns jsonColumns;
    @Autowired
    JobTypeStore jobTypes;
    @Autowired
    JsonMapper mapper;
    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();
    private ApiTestClient api;
    /** Every role but admin, for tenant MINE. */
    private String mine;
    private String theirJob;
    private String theirFailedJob;
    private String theirManifest;

    @BeforeAll
    void createKeysAndTheirData() throws Exception {
        api = new ApiTestClient(port, mapper, environment.getProperty("spring.kafka.bootstrap-servers"));
        for (String type : List.of("noop", "sql", "check", "export")) {
            jobTypes.register(type, OPEN_SCHEMA, type, "test");
        }
        mine = createKey(MINE, "submit", "read", "operate", "sql");
        Map<String, String> adminAsThem = Map.of("Authorization", "Bearer " + ADMIN_KEY, "X-Conveyor-Tenant", THEIRS);
        theirJob = api.json(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", adminAsThem)).get("id").asString();
        theirManifest = api.json(api.post("/api/v1/manifests",
                "{\"name\": \"theirs\", \"jobs\": [{\"key\": \"a\", \"type\": \"noop\"}]}", adminAsThem))
                .get("id").asString();
        JobMoves moves = new JobMoves(jdbc, jsonColumns, Clock.systemUTC());
        Job failed = new JobStore(jdbc, jsonColumns, Clock.systemUTC())
                .insert(NewJob.of("noop", Map.of()).withTenant(THEIRS));
        moves.queue(failed.id(), JobState.SUBMITTED).orElseThrow();
        moves.claim(failed.id(), "worker-1", Duration.ofMinutes(1)).orElseThrow();
        moves.fail(failed.id(), "worker-1", 1, "boom").orElseThrow();
        theirFailedJob = failed.id().toString();
    }

    @Test
    void answers_401_without_a_valid_key() throws Exception {
        String revoked = createKey(MINE, "read");
        assertThat(delete("/api/v1/admin/api-keys/" + keyId(revoked), ADMIN_KEY).statusCode()).isEqualTo(204);
        String expired = api.json(post("/api/v1/admin/api-keys", "{\"name\": \"old\", \"tenant\": \"" + MINE
                + "\", \"roles\": [\"read\"], \"expiresAt\": \"" + Instant.now().minusSeconds(1) + "\"}", ADMIN_KEY))
                .get("key").asString();

        for (Map<String, String> headers : List.of(Map.<String, String>of(),
                Map.of("Authorization", "Bearer cvk_not-a-key"),
                Map.of("Authorization", "Bearer "),
                Map.of("Authorization", "Basic " + ADMIN_KEY),
                Map.of("Authorization", "Bearer " + revoked),
                Map.of("Authorization", "Bearer " + expired))) {
            HttpResponse<String> response = api.get("/api/v1/jobs", headers);
            assertThat(response.statusCode()).as(headers.toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            api.problem(response);
        }
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", Map.of()).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job WHERE tenant = 'default'").query(Long.class).single())
                .as("nothing stored for a rejected request").isZero();
    }

    @Test
    void answers_403_for_a_missing_role() throws Exception {
        String reader = createKey(MINE, "read");
        String submitter = createKey(MINE, "submit");

        assertThat(api.problem(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", bearer(reader))).get("status").asInt())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/jobs/" + UUID.randomUUID() + "/cancel", null, bearer(submitter)).statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/jobs", bearer(submitter)).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/api-keys", bearer(mine)).statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", bearer(submitter)).statusCode()).isEqualTo(202);
    }

    @Test
    void needs_the_sql_role_for_jobs_that_run_caller_sql() throws Exception {
        String submitter = createKey(MINE, "submit");
        long before = jobsOf(MINE);

        JsonNode single = api.problem(api.post("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}",
                bearer(submitter)));
        assertThat(single.get("status").asInt()).isEqualTo(403);
        assertThat(single.get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"check\", \"params\": {\"table\": \"t\", \"assertions\":"
                + " [{\"type\": \"custom\", \"sql\": \"select 1\"}]}}", bearer(submitter)).statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"export\", \"params\": {\"query\": \"select 1\","
                + " \"target\": \"x.csv\"}}", bearer(submitter)).statusCode()).isEqualTo(403);
        JsonNode batch = api.problem(api.post("/api/v1/jobs/batch", "{\"jobs\": [{\"type\": \"noop\"},"
                + " {\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}]}", bearer(submitter)));
        assertThat(batch.get("errors").get(0).get("field").asString()).isEqualTo("jobs[1].type");
        JsonNode manifest = api.problem(api.post("/api/v1/manifests", "{\"name\": \"m\", \"jobs\": [{\"key\": \"q\","
                + " \"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}]}", bearer(submitter)));
        assertThat(manifest.get("errors").get(0).get("field").asString()).isEqualTo("jobs[q].type");
        assertThat(jobsOf(MINE)).as("nothing stored").isEqualTo(before);

        assertThat(api.post("/api/v1/jobs", "{\"type\": \"check\", \"params\": {\"table\": \"t\", \"assertions\":"
                + " [{\"type\": \"row_count\", \"min\": 1}]}}", bearer(submitter)).statusCode()).isEqualTo(202);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}", bearer(mine))
                .statusCode()).isEqualTo(202);
    }

    @Test
    void lets_a_limited_tenant_submit_only_its_job_types() throws Exception {
        String limited = createKey(LIMITED, "submit", "sql");

        assertThat(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", bearer(limited)).statusCode()).isEqualTo(202);
        JsonNode single = api.problem(api.post("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}",
                bearer(limited)));
        assertThat(single.get("status").asInt()).isEqualTo(403);
        assertThat(single.get("errors").get(0).get("message").asString()).contains("not a job type this tenant");
        JsonNode batch = api.problem(api.post("/api/v1/jobs/batch", "{\"jobs\": [{\"type\": \"noop\"},"
                + " {\"type\": \"export\", \"params\": {\"table\": \"t\"}}]}", bearer(limited)));
        assertThat(batch.get("errors").get(0).get("field").asString()).isEqualTo("jobs[1].type");
        assertThat(jobsOf(LIMITED)).isEqualTo(1);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}",
                bearer(mine)).statusCode()).as("other tenants are not limited").isEqualTo(202);
    }

    @Test
    void takes_the_tenant_from_the_key_and_lets_only_an_admin_name_another() throws Exception {
        String id = api.json(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", bearer(mine))).get("id").asString();
        assertThat(jdbc.sql("SELECT tenant FROM conveyor.job WHERE id = :id").param("id", UUID.fromString(id))
                .query(String.class).single()).isEqualTo(MINE);

        Map<String, String> switching = Map.of("Authorization", "Bearer " + mine, "X-Conveyor-Tenant", THEIRS);
        assertThat(api.problem(api.get("/api/v1/jobs/" + theirJob, switching)).get("status").asInt()).isEqualTo(403);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", switching).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/jobs/" + id, Map.of("Authorization", "Bearer " + mine, "X-Conveyor-Tenant", MINE))
                .statusCode()).isEqualTo(200);

        Map<String, String> adminAsThem = Map.of("Authorization", "Bearer " + ADMIN_KEY, "X-Conveyor-Tenant", THEIRS);
        assertThat(api.get("/api/v1/jobs/" + theirJob, adminAsThem).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/jobs/" + theirJob, bearer(ADMIN_KEY)).statusCode())
                .as("the bootstrap key's own tenant is 'default'").isEqualTo(404);
    }

    @Test
    void answers_404_for_another_tenants_job_manifest_and_dead_letters() throws Exception {
        Map<String, String> headers = bearer(mine);
        for (String job : List.of(theirJob, theirFailedJob)) {
            assertThat(api.problem(api.get("/api/v1/jobs/" + job, headers)).get("status").asInt()).isEqualTo(404);
            assertThat(api.get("/api/v1/jobs/" + job + "/events", headers).statusCode()).isEqualTo(404);
            assertThat(api.post("/api/v1/jobs/" + job + "/cancel", null, headers).statusCode()).isEqualTo(404);
            assertThat(api.post("/api/v1/jobs/" + job + "/retry", null, headers).statusCode()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/manifests/" + theirManifest, headers).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/manifests/" + theirManifest + "/cancel", null, headers).statusCode())
                .isEqualTo(404);
        assertThat(api.json(api.get("/api/v1/dead-letters", headers)).get("items").toString())
                .doesNotContain(theirFailedJob);
        assertThat(api.json(api.get("/api/v1/jobs", headers)).get("items").toString()).doesNotContain(theirJob);
        assertThat(api.json(api.get("/api/v1/manifests", headers)).get("items").toString())
                .doesNotContain(theirManifest);

        Map<String, String> adminAsThem = Map.of("Authorization", "Bearer " + ADMIN_KEY, "X-Conveyor-Tenant", THEIRS);
        assertThat(api.json(api.get("/api/v1/dead-letters", adminAsThem)).get("items").toString())
                .contains(theirFailedJob);
        assertThat(api.get("/api/v1/manifests/" + theirManifest, adminAsThem).statusCode()).isEqualTo(200);
    }

    @Test
    void creates_lists_uses_and_revokes_keys() throws Exception {
        HttpResponse<String> created = post("/api/v1/admin/api-keys",
                "{\"name\": \"loader\", \"tenant\": \"" + MINE + "\", \"roles\": [\"read\", \"submit\"]}", ADMIN_KEY);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = api.json(created);
        String key = body.get("key").asString();
        String id = body.get("id").asString();
        assertThat(key).startsWith("cvk_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/admin/api-keys/" + id);

        HttpResponse<String> listed = api.get("/api/v1/admin/api-keys", bearer(ADMIN_KEY));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(id, "\"loader\"").doesNotContain(key, "\"key\"");
        byte[] stored = jdbc.sql("SELECT key_hash FROM conveyor.api_key WHERE id = :id").param("id", UUID.fromString(id))
                .query(byte[].class).single();
        assertThat(stored).isEqualTo(ApiKeySecrets.hash(key));

        assertThat(api.get("/api/v1/jobs", bearer(key)).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT last_used_at FROM conveyor.api_key WHERE id = :id")
                .param("id", UUID.fromString(id)).query(java.sql.Timestamp.class).single()).isNotNull();

        assertThat(delete("/api/v1/admin/api-keys/" + id, ADMIN_KEY).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobs", bearer(key)).statusCode()).as("refused at once").isEqualTo(401);
        assertThat(api.json(api.get("/api/v1/admin/api-keys", bearer(ADMIN_KEY))).toString()).contains("revokedAt");
        assertThat(delete("/api/v1/admin/api-keys/" + UUID.randomUUID(), ADMIN_KEY).statusCode()).isEqualTo(404);

        JsonNode unknownRole = api.problem(post("/api/v1/admin/api-keys",
                "{\"name\": \"x\", \"tenant\": \"t\", \"roles\": [\"read\", \"root\"]}", ADMIN_KEY));
        assertThat(unknownRole.get("errors").get(0).get("field").asString()).isEqualTo("roles[1]");
        assertThat(post("/api/v1/admin/api-keys", "{\"tenant\": \"t\", \"roles\": [\"read\"]}", ADMIN_KEY)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void serves_health_without_a_key_and_metrics_only_on_the_management_port() throws Exception {
        assertThat(api.get("/readyz", Map.of()).statusCode()).isEqualTo(200);
        assertThat(api.get("/livez", Map.of()).statusCode()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus", Map.of()).statusCode()).isNotEqualTo(200);
        assertThat(api.get("/actuator/prometheus", bearer(ADMIN_KEY)).statusCode()).isNotEqualTo(200);
        assertThat(managementPort).isNotEqualTo(port);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        assertThat(api.get("/v3/api-docs", Map.of()).statusCode()).isEqualTo(401);
        assertThat(api.get("/swagger-ui.html", Map.of()).statusCode()).isEqualTo(401);
        assertThat(api.get("/v3/api-docs", bearer(createKey(MINE, "read"))).statusCode()).isEqualTo(200);
    }

    @Test
    void never_logs_a_key(CapturedOutput output) throws Exception {
        String key = createKey(MINE, "read");
        api.get("/api/v1/jobs", bearer(key));
        api.get("/api/v1/jobs", bearer(key + "x"));
        delete("/api/v1/admin/api-keys/" + keyId(key), ADMIN_KEY);
        api.get("/api/v1/jobs", bearer(key));

        assertThat(output.getAll()).doesNotContain(key, ADMIN_KEY);
    }

    private String createKey(String tenant, String... roles) throws Exception {
        List<String> quoted = new ArrayList<>();
        for (String role : roles) {
            quoted.add("\"" + role + "\"");
        }
        HttpResponse<String> response = post("/api/v1/admin/api-keys", "{\"name\": \"test\", \"tenant\": \"" + tenant
                + "\", \"roles\": [" + String.join(", ", quoted) + "]}", ADMIN_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return api.json(response).get("key").asString();
    }

    private UUID keyId(String key) {
        return jdbc.sql("SELECT id FROM conveyor.api_key WHERE key_hash = :hash").param("hash", ApiKeySecrets.hash(key))
                .query(UUID.class).single();
    }

    private long jobsOf(String tenant) {
        return jdbc.sql("SELECT count(*) FROM conveyor.job WHERE tenant = :tenant").param("tenant", tenant)
                .query(Long.class).single();
    }

    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        return api.post(path, body, bearer(key));
    }

    private HttpResponse<String> delete(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }
}
