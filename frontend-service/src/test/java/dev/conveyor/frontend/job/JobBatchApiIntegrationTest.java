package dev.conveyor.frontend.job;

import dev.conveyor.common.routing.Topics;
import dev.conveyor.frontend.FrontendApiTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/jobs/batch} over HTTP on a real PostgreSQL and Kafka (all or nothing, every problem named by
 * index, ids in request order): one application context for every class that extends this.
 */
abstract class JobBatchApiIntegrationTest extends FrontendApiTest {

    static final String PATH = "/api/v1/jobs/batch";
    /**
     * A type of these tests' own: other test classes share the database and register {@code load} with an open
     * schema, and whichever registers last would decide what these tests see.
     */
    static final String TABLE_LOAD = "table-load";
    static final String LOAD_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"table": {"type": "string", "minLength": 1}}, "required": ["table"]}
            """;

    @BeforeAll
    void setUp() throws Exception {
        jobTypes.register(TABLE_LOAD, LOAD_SCHEMA, "Loads a table", "test");
        jobTypes.register("noop", OPEN_SCHEMA, "Does nothing", "test");
        // the first message on a new topic waits for its leader; the tests' own waits should not
        String warmUp = api.json(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", Map.of())).get("id").asString();
        api.read(Topics.SUBMITTED, List.of(warmUp), found -> !found.isEmpty(), Duration.ZERO);
    }

    String run() {
        return UUID.randomUUID().toString();
    }

    /** A batch item of {@code type} labelled with the test run, plus extra fields ({@code "a": 1, ...}). */
    static String item(String type, String run, String extra) {
        return "{\"type\": \"" + type + "\", \"labels\": {\"run\": \"" + run + "\"}" + (extra.isEmpty() ? "" : ", "
                + extra) + "}";
    }

    static String batch(List<String> items) {
        return "{\"jobs\": [" + String.join(", ", items) + "]}";
    }

    List<UUID> ids(HttpResponse<String> response) {
        List<UUID> ids = new ArrayList<>();
        api.json(response).get("ids").forEach(id -> ids.add(UUID.fromString(id.asString())));
        return ids;
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    long stored(String run) {
        return jdbc.sql("SELECT count(*) FROM conveyor.job WHERE labels->>'run' = ?").param(run)
                .query(Long.class).single();
    }
}
