package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** API keys: who gets in (401), what each role may do (403), the keys' lifecycle, and the management port. */
@ExtendWith(OutputCaptureExtension.class)
class SecuredApiIT extends SecuredApiTest {

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
    void triggers_need_submit_to_create_operate_to_delete_and_read_to_read() throws Exception {
        String reader = createKey(MINE, "read");
        String submitter = createKey(MINE, "submit");
        String body = """
                {"name": "roles", "watch": {"path": "drops", "glob": "*.csv"},
                 "job": {"type": "noop", "params": {"file": "${trigger.path}"}}}
                """;

        assertThat(post("/api/v1/triggers", body, reader).statusCode()).isEqualTo(403);
        HttpResponse<String> created = post("/api/v1/triggers", body, submitter);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String path = "/api/v1/triggers/" + api.json(created).get("id").asString();
        assertThat(api.get(path, bearer(reader)).statusCode()).isEqualTo(200);
        assertThat(delete(path, submitter).statusCode()).isEqualTo(403);
        assertThat(delete(path, mine).statusCode()).isEqualTo(204);
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
}
