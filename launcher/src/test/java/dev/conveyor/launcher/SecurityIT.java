package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system with authentication on, as deployed: every endpoint that takes an id, called with another
 * tenant's id by a key of each role, answers exactly 403 (the role is missing) or 404 (never the other tenant's
 * data); lists never show another tenant's rows; metrics are on the management port only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

    private static final String ADMIN_KEY = "launcher-security-test-bootstrap-admin-key";
    private static final String ALPHA = "alpha";
    private static final String BETA = "beta";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ROLES = List.of("submit", "read", "operate", "sql", "admin");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private KafkaBrokerProcess kafka;
    private ConveyorSystem system;
    private final Map<Service, Integer> managementPorts = new EnumMap<>(Service.class);
    private String base;
    /** Alpha's keys, one per role. */
    private final Map<String, String> alphaKeys = new LinkedHashMap<>();
    private String betaKey;
    private String betaJob;
    private String betaFailedJob;
    private String betaManifest;

    @BeforeAll
    void startSystem(@TempDir Path files) {
        kafka = KafkaBrokerProcess.start();
        TestPostgres.Database database = TestPostgres.newDatabase();
        Map<String, Object> shared = new HashMap<>();
        shared.put("spring.datasource.url", database.jdbcUrl());
        shared.put("spring.datasource.username", database.username());
        shared.put("spring.datasource.password", database.password());
        shared.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        shared.put("server.port", "0");
        shared.put("conveyor.security.enabled", "true");
        shared.put("conveyor.security.admin-api-key", ADMIN_KEY);
        Map<Service, Map<String, Object>> own = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            managementPorts.put(service, freePort());
            own.put(service, new HashMap<>(Map.of("management.server.port", managementPorts.get(service))));
        }
        // the warehouse does not matter here; a PostgreSQL one keeps this test apart from DuckDB's file handling
        TestPostgres.Database warehouseDatabase = TestPostgres.newDatabase();
        own.get(Service.WORKER).put("conveyor.warehouse.url", warehouseDatabase.jdbcUrl());
        own.get(Service.WORKER).put("conveyor.warehouse.username", warehouseDatabase.username());
        own.get(Service.WORKER).put("conveyor.warehouse.password", warehouseDatabase.password());
        own.get(Service.WORKER).put("conveyor.warehouse.files-directory", files.toString());
        // the manifest's job sleeps for ten minutes; stopping the system should not wait for it
        own.get(Service.WORKER).put("conveyor.worker.drain-timeout", "1s");
        system = ConveyorSystem.start(shared, own);
        base = "http://localhost:" + system.port(Service.FRONTEND);

        for (String role : ROLES) {
            alphaKeys.put(role, createKey(ALPHA, role));
        }
        betaKey = createKey(BETA, "submit", "read", "operate", "sql");
        betaJob = accepted(send("POST", "/api/v1/jobs", "{\"type\": \"noop\", \"runAt\": \"2099-01-01T00:00:00Z\"}",
                betaKey));
        betaFailedJob = accepted(send("POST", "/api/v1/jobs",
                "{\"type\": \"sql\", \"params\": {\"sql\": \"SELECT * FROM no_such_table\"}, \"maxAttempts\": 1}",
                betaKey));
        betaManifest = accepted(send("POST", "/api/v1/manifests", "{\"name\": \"beta\", \"jobs\": [{\"key\": \"a\","
                + " \"type\": \"sleep\", \"params\": {\"seconds\": 600}}]}", betaKey));
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(
                json(send("GET", "/api/v1/jobs/" + betaFailedJob, null, betaKey)).path("state").asString()));
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
    void answers_another_tenants_ids_with_403_for_a_missing_role_and_404_otherwise() {
        record Call(String method, String path, String role) {
        }
        List<Call> calls = List.of(
                new Call("GET", "/api/v1/jobs/" + betaJob, "read"),
                new Call("GET", "/api/v1/jobs/" + betaFailedJob, "read"),
                new Call("GET", "/api/v1/jobs/" + betaJob + "/events", "read"),
                new Call("POST", "/api/v1/jobs/" + betaJob + "/cancel", "operate"),
                new Call("POST", "/api/v1/jobs/" + betaFailedJob + "/retry", "operate"),
                new Call("GET", "/api/v1/manifests/" + betaManifest, "read"),
                new Call("POST", "/api/v1/manifests/" + betaManifest + "/cancel", "operate"));
        List<String> mismatches = new ArrayList<>();
        for (Call call : calls) {
            assertThat(send(call.method(), call.path(), null, null).statusCode()).as(call.path()).isEqualTo(401);
            for (String role : ROLES) {
                int expected = role.equals(call.role()) || role.equals("admin") ? 404 : 403;
                HttpResponse<String> response = send(call.method(), call.path(), null, alphaKeys.get(role));
                if (response.statusCode() != expected) {
                    mismatches.add(call.method() + " " + call.path() + " as " + role + ": " + response.statusCode()
                            + " (expected " + expected + ")");
                }
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(response.body()).doesNotContain("\"state\"", "\"params\"");
            }
        }
        assertThat(mismatches).isEmpty();

        // nothing happened to beta's jobs, and beta still sees them
        assertThat(json(send("GET", "/api/v1/jobs/" + betaFailedJob, null, betaKey)).path("state").asString())
                .isEqualTo("FAILED");
        assertThat(json(send("GET", "/api/v1/manifests/" + betaManifest, null, betaKey)).path("state").asString())
                .isEqualTo("RUNNING");
    }

    @Test
    void lists_only_the_keys_own_tenant() {
        for (String list : List.of("/api/v1/jobs", "/api/v1/manifests", "/api/v1/dead-letters")) {
            for (String role : ROLES) {
                HttpResponse<String> response = send("GET", list, null, alphaKeys.get(role));
                int expected = role.equals("read") || role.equals("admin") ? 200 : 403;
                assertThat(response.statusCode()).as(list + " as " + role).isEqualTo(expected);
                assertThat(response.body()).doesNotContain(betaJob, betaFailedJob, betaManifest);
            }
        }
        assertThat(send("GET", "/api/v1/dead-letters", null, betaKey).body()).contains(betaFailedJob);
    }

    @Test
    void takes_the_tenant_from_the_key() {
        HttpResponse<String> switching = send("GET", "/api/v1/jobs/" + betaJob, null, alphaKeys.get("read"),
                Map.of("X-Conveyor-Tenant", BETA));
        assertThat(switching.statusCode()).isEqualTo(403);
        HttpResponse<String> admin = send("GET", "/api/v1/jobs/" + betaJob, null, alphaKeys.get("admin"),
                Map.of("X-Conveyor-Tenant", BETA));
        assertThat(admin.statusCode()).isEqualTo(200);

        assertThat(send("POST", "/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}",
                alphaKeys.get("submit")).statusCode()).as("sql needs the sql role").isEqualTo(403);
        assertThat(send("POST", "/api/v1/jobs", "{\"type\": \"noop\"}", alphaKeys.get("sql")).statusCode())
                .as("sql alone does not submit").isEqualTo(403);
        String mine = accepted(send("POST", "/api/v1/jobs", "{\"type\": \"noop\"}", alphaKeys.get("submit")));
        assertThat(send("GET", "/api/v1/jobs/" + mine, null, alphaKeys.get("read")).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/jobs/" + mine, null, betaKey).statusCode()).isEqualTo(404);
    }

    @Test
    void serves_probes_without_a_key_and_metrics_on_the_management_port_only() {
        assertThat(send("GET", "/readyz", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isNotEqualTo(200);
        assertThat(send("GET", "/v3/api-docs", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/v3/api-docs", null, alphaKeys.get("read")).statusCode()).isEqualTo(200);
        for (Service service : Service.values()) {
            HttpResponse<String> metrics = get("http://localhost:" + managementPorts.get(service)
                    + "/actuator/prometheus");
            assertThat(metrics.statusCode()).as(service.name()).isEqualTo(200);
            assertThat(get("http://localhost:" + system.port(service) + "/actuator/prometheus").statusCode())
                    .as(service.name()).isNotEqualTo(200);
        }
    }

    private String createKey(String tenant, String... roles) {
        List<String> quoted = new ArrayList<>();
        for (String role : roles) {
            quoted.add("\"" + role + "\"");
        }
        HttpResponse<String> created = send("POST", "/api/v1/admin/api-keys", "{\"name\": \"" + tenant + "\","
                + " \"tenant\": \"" + tenant + "\", \"roles\": [" + String.join(", ", quoted) + "]}", ADMIN_KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("key").asString();
    }

    private static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).path("id").asString();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String key) {
        return send(method, path, body, key, Map.of());
    }

    private HttpResponse<String> send(String method, String path, String body, String key,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        return call(request.build());
    }

    private HttpResponse<String> get(String url) {
        return call(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build());
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
