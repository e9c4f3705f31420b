package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.routing.Topics;
import dev.conveyor.frontend.ApiTestClient;
import dev.conveyor.store.JobTypeStore;
import dev.conveyor.testsupport.WithRealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/jobs/batch}: all or nothing, every problem named by index, ids in request order. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=frontend,application")
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobBatchApiIT {

    private static final String PATH = "/api/v1/jobs/batch";
    private static final String LOAD_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"table": {"type": "string", "minLength": 1}}, "required": ["table"]}
            """;
    private static final String OPEN_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
            """;

    @LocalServerPort
    int port;
    @Autowired
    JobTypeStore jobTypes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    Environment environment;

    private ApiTestClient api;

    @BeforeAll
    void setUp() throws Exception {
        jobTypes.register("load", LOAD_SCHEMA, "Loads a table", "test");
        jobTypes.register("noop", OPEN_SCHEMA, "Does nothing", "test");
        api = new ApiTestClient(port, mapper, environment.getProperty("spring.kafka.bootstrap-servers"));
        // a topic the first message creates takes a while to get its leaders on a busy machine, and sends
        // time out meanwhile (the sweeper's business in production, not this test's)
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getProperty("spring.kafka.bootstrap-servers")))) {
            admin.createTopics(List.of(new NewTopic(Topics.SUBMITTED, Optional.empty(), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        String warmUp = api.json(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", Map.of())).get("id").asString();
        api.read(Topics.SUBMITTED, List.of(warmUp), found -> !found.isEmpty(), Duration.ZERO);
    }

    @Test
    void stores_every_job_and_answers_their_ids_in_request_order_then_announces_each() throws Exception {
        String run = run();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            items.add(i % 2 == 0
                    ? "{\"type\": \"noop\", \"labels\": {\"run\": \"" + run + "\", \"n\": \"" + i + "\"}}"
                    : "{\"type\": \"load\", \"params\": {\"table\": \"t" + i + "\"}, \"maxAttempts\": 5,"
                            + " \"runAt\": \"2030-01-01T00:00:00Z\", \"labels\": {\"run\": \"" + run + "\", \"n\": \""
                            + i + "\"}}");
        }

        HttpResponse<String> response = api.post(PATH, batch(items), Map.of("X-Conveyor-Tenant", "acme"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        List<UUID> ids = ids(response);
        assertThat(ids).hasSize(250).doesNotHaveDuplicates();
        for (int i : new int[] {0, 1, 2, 137, 249}) {
            Map<String, Object> row = jdbc.sql("""
                            SELECT tenant, type, state, max_attempts, params->>'table' AS "table", labels->>'n' AS n,
                                   not_before IS NOT NULL AS scheduled
                              FROM conveyor.job WHERE id = ?
                            """)
                    .param(ids.get(i)).query().singleRow();
            assertThat(row).containsEntry("tenant", "acme").containsEntry("state", "SUBMITTED")
                    .containsEntry("n", Integer.toString(i))
                    .containsEntry("type", i % 2 == 0 ? "noop" : "load")
                    .containsEntry("max_attempts", i % 2 == 0 ? 3 : 5)
                    .containsEntry("scheduled", i % 2 != 0);
        }
        assertThat(stored(run)).isEqualTo(250);
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job_event WHERE job_id = ANY(?)")
                .param(new SqlArrayValue("uuid", ids.toArray())).query(Long.class).single()).isEqualTo(250L);

        List<String> keys = ids.stream().map(UUID::toString).toList();
        List<ConsumerRecord<String, String>> announced = api.read(Topics.SUBMITTED, keys,
                found -> found.size() >= keys.size(), Duration.ZERO);
        assertThat(announced).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void answers_a_replayed_key_with_the_earlier_job_whether_it_came_alone_or_in_a_batch() throws Exception {
        String run = run();
        String single = "single-" + UUID.randomUUID();
        String earlier = api.json(api.post("/api/v1/jobs", "{\"type\": \"noop\", \"labels\": {\"run\": \"" + run
                + "\"}}", Map.of("Idempotency-Key", single))).get("id").asString();
        String fresh = "fresh-" + UUID.randomUUID();
        String first = batch(List.of(
                item("noop", run, "\"idempotencyKey\": \"" + single + "\""),
                item("noop", run, ""),
                item("noop", run, "\"idempotencyKey\": \"" + fresh + "\""),
                // the same key twice in one request with the same content: one job, both get its id
                item("noop", run, "\"idempotencyKey\": \"" + fresh + "\"")));

        HttpResponse<String> created = api.post(PATH, first, Map.of());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        List<UUID> ids = ids(created);
        assertThat(ids.get(0)).hasToString(earlier);
        assertThat(ids.get(2)).isEqualTo(ids.get(3));
        assertThat(stored(run)).isEqualTo(3);

        HttpResponse<String> replay = api.post(PATH, batch(List.of(
                item("noop", run, "\"idempotencyKey\": \"" + fresh + "\""),
                item("noop", run, "\"idempotencyKey\": \"" + single + "\""))), Map.of());

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(ids(replay)).containsExactly(ids.get(2), ids.get(0));
        assertThat(stored(run)).isEqualTo(3);
    }

    @Test
    void rejects_invalid_fields_with_400_naming_each_index_and_stores_nothing() throws Exception {
        String run = run();
        String body = batch(List.of(
                item("noop", run, ""),
                "{\"params\": {}, \"labels\": {\"run\": \"" + run + "\"}}",
                item("noop", run, ""),
                item("noop", run, "\"maxAttempts\": 0, \"timeout\": \"PT0S\""),
                "null",
                item("noop", run, "\"idempotencyKey\": \" \"")));

        HttpResponse<String> response = api.post(PATH, body, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(fields(api.problem(response))).containsExactly("jobs[1].type", "jobs[3].maxAttempts",
                "jobs[3].timeout", "jobs[4]", "jobs[5].idempotencyKey");
        assertThat(stored(run)).isZero();
    }

    @Test
    void rejects_a_field_of_the_wrong_type_with_400_naming_its_index() throws Exception {
        String run = run();
        HttpResponse<String> response = api.post(PATH, batch(List.of(item("noop", run, ""),
                item("noop", run, "\"maxAttempts\": \"many\""))), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(fields(api.problem(response))).containsExactly("jobs[1].maxAttempts");
        assertThat(stored(run)).isZero();
    }

    @Test
    void rejects_malformed_json_and_a_missing_or_empty_job_list_with_400() throws Exception {
        HttpResponse<String> malformed = api.post(PATH, "{\"jobs\": [{\"type\": \"noop\"}", Map.of());
        assertThat(malformed.statusCode()).isEqualTo(400);
        api.problem(malformed);

        HttpResponse<String> missing = api.post(PATH, "{}", Map.of());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(fields(api.problem(missing))).containsExactly("jobs");

        HttpResponse<String> empty = api.post(PATH, "{\"jobs\": []}", Map.of());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(fields(api.problem(empty))).containsExactly("jobs");
    }

    @Test
    void rejects_more_than_1000_jobs_with_413_and_stores_nothing() throws Exception {
        String run = run();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(item("noop", run, ""));
        }

        HttpResponse<String> response = api.post(PATH, batch(items), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(fields(api.problem(response))).containsExactly("jobs");
        assertThat(stored(run)).isZero();
    }

    @Test
    void accepts_1000_jobs_in_a_body_larger_than_a_single_submission_may_be() throws Exception {
        String run = run();
        String padding = "x".repeat(200);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(item("noop", run, "\"params\": {\"padding\": \"" + padding + "\"}"));
        }
        String body = batch(items);
        assertThat(body.length()).isGreaterThan(128 * 1024);

        HttpResponse<String> response = api.post(PATH, body, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(ids(response)).hasSize(1000);
        assertThat(stored(run)).isEqualTo(1000);
    }

    @Test
    void rejects_a_body_over_the_batch_limit_with_413() throws Exception {
        String run = run();
        String padding = "x".repeat(60 * 1024);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(item("noop", run, "\"params\": {\"padding\": \"" + padding + "\"}"));
        }

        HttpResponse<String> response = api.post(PATH, batch(items), Map.of());

        assertThat(response.statusCode()).isEqualTo(413);
        api.problem(response);
        assertThat(stored(run)).isZero();
    }

    @Test
    void rejects_params_over_the_limit_with_413_naming_the_index() throws Exception {
        String run = run();
        String huge = "x".repeat(65 * 1024);
        HttpResponse<String> response = api.post(PATH, batch(List.of(item("noop", run, ""),
                item("noop", run, "\"params\": {\"blob\": \"" + huge + "\"}"))), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(fields(api.problem(response))).containsExactly("jobs[1].params");
        assertThat(stored(run)).isZero();
    }

    @Test
    void rejects_unknown_types_and_params_failing_the_schema_with_422_naming_each_index() throws Exception {
        String run = run();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(item("load", run, "\"params\": {\"table\": \"t" + i + "\"}"));
        }
        items.set(3, item("teleport", run, ""));
        items.set(7, item("load", run, "\"params\": {\"table\": 42}"));
        items.set(5, item("load", run, "\"params\": {}"));

        HttpResponse<String> response = api.post(PATH, batch(items), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = api.problem(response);
        assertThat(fields(problem)).containsExactly("jobs[3].type", "jobs[5].params", "jobs[7].params.table");
        assertThat(problem.get("detail").asString()).contains("teleport");
        assertThat(stored(run)).isZero();
    }

    @Test
    void rejects_a_key_used_for_a_different_job_with_409_naming_the_index_and_stores_nothing() throws Exception {
        String run = run();
        String key = "taken-" + UUID.randomUUID();
        assertThat(api.post(PATH, batch(List.of(item("load", "elsewhere", "\"params\": {\"table\": \"a\"},"
                + " \"idempotencyKey\": \"" + key + "\""))), Map.of()).statusCode()).isEqualTo(202);

        HttpResponse<String> response = api.post(PATH, batch(List.of(
                item("noop", run, ""),
                item("noop", run, "\"idempotencyKey\": \"" + key + "\""))), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(fields(api.problem(response))).containsExactly("jobs[1].idempotencyKey");
        // the first job had been inserted in the same transaction: it was rolled back with the rest
        assertThat(stored(run)).isZero();
    }

    @Test
    void describes_the_endpoint_in_the_openapi_document() throws Exception {
        HttpResponse<String> docs = api.get("/v3/api-docs", Map.of());

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode operation = api.json(docs).get("paths").get(PATH).get("post");
        JsonNode responses = operation.get("responses");
        assertThat(List.of("202", "400", "409", "413", "422", "503")).allMatch(responses::has);
    }

    private String run() {
        return UUID.randomUUID().toString();
    }

    /** A batch item of {@code type} labelled with the test run, plus extra fields ({@code "a": 1, ...}). */
    private static String item(String type, String run, String extra) {
        return "{\"type\": \"" + type + "\", \"labels\": {\"run\": \"" + run + "\"}" + (extra.isEmpty() ? "" : ", "
                + extra) + "}";
    }

    private static String batch(List<String> items) {
        return "{\"jobs\": [" + String.join(", ", items) + "]}";
    }

    private List<UUID> ids(HttpResponse<String> response) {
        List<UUID> ids = new ArrayList<>();
        api.json(response).get("ids").forEach(id -> ids.add(UUID.fromString(id.asString())));
        return ids;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private long stored(String run) {
        return jdbc.sql("SELECT count(*) FROM conveyor.job WHERE labels->>'run' = ?").param(run)
                .query(Long.class).single();
    }
}
