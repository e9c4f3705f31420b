package dev.conveyor.frontend.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.frontend.FrontendApiTest;
import dev.conveyor.store.JobStore;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The manifest API over HTTP on a real PostgreSQL and Kafka: one application context for every class that extends this. */
abstract class ManifestApiIntegrationTest extends FrontendApiTest {

    static final String SQL_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"sql": {"type": "string", "minLength": 1}}, "required": ["sql"]}
            """;

    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;
    @Autowired
    TestJobs testJobs;

    @BeforeAll
    void setUp() {
        jobTypes.register("load", OPEN_SCHEMA, "Loads a file", "test");
        jobTypes.register("sql", SQL_SCHEMA, "Runs a query", "test");
    }

    JsonNode rejected(String body) throws Exception {
        HttpResponse<String> response = api.post("/api/v1/manifests", body, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        return api.problem(response);
    }

    String submit(String body, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = api.post("/api/v1/manifests", body, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return api.json(response).get("id").asString();
    }

    static Map<String, JsonNode> byKey(JsonNode manifest) {
        Map<String, JsonNode> byKey = new HashMap<>();
        manifest.get("jobs").forEach(job -> byKey.put(job.get("key").asString(), job));
        return byKey;
    }

    static String chain(String name) {
        return """
                {"name": "%s", "jobs": [{"key": "first", "type": "load"},
                  {"key": "second", "type": "load", "dependsOn": ["first"]}]}
                """.formatted(name);
    }

    static String manyJobs(String name, int count, int padding) {
        StringBuilder body = new StringBuilder("{\"name\": \"" + name + "\", \"jobs\": [");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"key\": \"job-").append(i).append("\", \"type\": \"load\"")
                    .append(", \"params\": {\"pad\": \"").append("x".repeat(padding)).append("\"}}");
        }
        return body.append("]}").toString();
    }
}
