package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system in this JVM with Conveyor's own logging at DEBUG: jobs whose params, bound SQL values and
 * results carry marker strings, a job that fails for good, API keys and the database passwords. None of them may
 * appear in anything the services log, and no error response echoes a key.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsInLogsIT {

    private static final String MARKER = "mrk" + UUID.randomUUID().toString().replace("-", "");
    private static final String ADMIN_KEY = "admin-key-" + MARKER + "-admin";
    private static final String DB_PASSWORD = "db-password-" + MARKER;
    private static final String PARAM = "param-" + MARKER;
    private static final String BOUND_VALUE = "bound-" + MARKER;
    private static final String FAILED_BOUND_VALUE = "failed-bound-" + MARKER;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KafkaBrokerProcess kafka;
    private ConveyorSystem system;
    private String base;

    @Test
    void no_params_values_results_keys_or_passwords_reach_the_logs(CapturedOutput output) throws Exception {
        // GIVEN the system on databases whose user has a marked password, logging Conveyor at DEBUG
        kafka = KafkaBrokerProcess.start();
        TestPostgres.Database jobs = withMarkedPassword(TestPostgres.newDatabase());
        TestPostgres.Database warehouse = withMarkedPassword(TestPostgres.newDatabase());
        Map<String, Object> shared = new HashMap<>(Map.of(
                "spring.datasource.url", jobs.jdbcUrl(),
                "spring.datasource.username", jobs.username(),
                "spring.datasource.password", jobs.password(),
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "server.port", "0",
                "management.server.port", "0",
                "conveyor.security.enabled", "true",
                "conveyor.security.admin-api-key", ADMIN_KEY));
        system = ConveyorSystem.start(shared, Map.of(Service.WORKER, Map.of(
                "conveyor.warehouse.url", warehouse.jdbcUrl(),
                "conveyor.warehouse.username", warehouse.username(),
                "conveyor.warehouse.password", warehouse.password())),
                // an argument, not a launcher property: logging levels are read before those are added
                "--logging.level.dev.conveyor=DEBUG");
        base = "http://localhost:" + system.port(Service.FRONTEND);
        String key = JSON.readTree(send("POST", "/api/v1/admin/api-keys",
                "{\"name\": \"logs\", \"tenant\": \"logs\", \"roles\": [\"submit\", \"read\", \"sql\"]}", ADMIN_KEY)
                .body()).path("key").asString();

        // WHEN a job succeeds with marked params, bound values and result, and another fails for good
        String succeeded = accepted(send("POST", "/api/v1/jobs", """
                {"type": "sql", "params": {"sql": "select :v as v, '%s' as p", "parameters": {"v": "%s"}}}
                """.formatted(PARAM, BOUND_VALUE), key));
        String failed = accepted(send("POST", "/api/v1/jobs", """
                {"type": "sql", "params": {"sql": "select :v from no_such_table", "parameters": {"v": "%s"}},
                 "maxAttempts": 1}
                """.formatted(FAILED_BOUND_VALUE), key));
        await().atMost(Duration.ofSeconds(90)).until(() -> "SUCCEEDED".equals(state(succeeded, key))
                && "FAILED".equals(state(failed, key)));
        JsonNode result = JSON.readTree(send("GET", "/api/v1/jobs/" + succeeded, null, key).body()).path("result");
        assertThat(result.toString()).as("the markers did go through the job").contains(BOUND_VALUE, PARAM);

        // AND requests with wrong keys and bodies are refused
        HttpResponse<String> unknownKey = send("GET", "/api/v1/jobs", null, "cvk_" + MARKER);
        HttpResponse<String> malformed = send("POST", "/api/v1/jobs", "{\"type\": \"" + key + "\", \"params\": [",
                key);

        // THEN no response echoes a key, and nothing logged carries a secret or a marked value
        assertThat(unknownKey.statusCode()).isEqualTo(401);
        assertThat(malformed.statusCode()).isEqualTo(400);
        for (HttpResponse<String> refused : List.of(unknownKey, malformed)) {
            assertThat(refused.body()).doesNotContain(MARKER, key);
        }
        assertThat(output.getAll()).as("the services logged, Conveyor at DEBUG").contains("Started", "DEBUG");
        assertThat(output.getAll()).doesNotContain(MARKER, key, key.substring(4));
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

    /** A user of its own for the database, with a marked password (what the services are configured with). */
    private static TestPostgres.Database withMarkedPassword(TestPostgres.Database database) throws SQLException {
        String user = "logs_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + DB_PASSWORD + "'");
            statement.execute("ALTER DATABASE \"" + admin.getCatalog() + "\" OWNER TO " + user);
            statement.execute("ALTER SCHEMA public OWNER TO " + user);
        }
        return new TestPostgres.Database(database.jdbcUrl(), user, DB_PASSWORD);
    }

    private String state(String id, String key) {
        return JSON.readTree(send("GET", "/api/v1/jobs/" + id, null, key).body()).path("state").asString();
    }

    private static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private HttpResponse<String> send(String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
