package dev.conveyor.frontend.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.frontend.ApiTestClient;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.JobTypeStore;
import dev.conveyor.testsupport.WithRealInfrastructure;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The manifest API over HTTP on a real PostgreSQL and Kafka: one application context for every class that extends this. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=frontend,application")
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ManifestApiIntegrationTest {

    static final String SQL_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"sql": {"type": "string", "minLength": 1}}, "required": ["sql"]}
            """;
    static final String OPEN_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
            """;

    @LocalServerPort
    int port;
    @Autowired
    JobTypeStore jobTypes;
    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;
    @Autowired
    TestJobs testJobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    Environment environment;

    ApiTestClient api;

    @BeforeAll
    void setUp() {
        jobTypes.register("load", OPEN_SCHEMA, "Loads a file", "test");
        jobTypes.register("sql", SQL_SCHEMA, "Runs a query", "test");
        api = new ApiTestClient(port, mapper, environment.getProperty("spring.kafka.bootstrap-servers"));
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
