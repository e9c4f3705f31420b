package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.routing.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Submitting, reading, listing and replaying jobs. */
class JobApiIT extends JobApiIntegrationTest {

    @Test
    void accepts_a_job_stores_it_and_announces_it_after_commit() throws Exception {
        HttpResponse<String> response = post("""
                {"type": "sql", "params": {"sql": "select 1"}, "runAt": "2030-01-01T00:00:00Z", "maxAttempts": 5,
                 "timeout": "PT5M", "labels": {"team": "data"}}
                """, Map.of());

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode job = mapper.readTree(response.body());
        String id = job.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
        assertThat(job.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(job.get("maxAttempts").asInt()).isEqualTo(5);
        assertThat(job.get("timeout").asString()).isEqualTo("PT5M");
        assertThat(job.get("runAt").asString()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(job.get("params").get("sql").asString()).isEqualTo("select 1");
        assertThat(job.get("labels").get("team").asString()).isEqualTo("data");
        assertThat(job.has("result")).isTrue();
        assertThat(job.get("result").isNull()).isTrue();

        Map<String, Object> row = jdbc.sql("SELECT state, max_attempts, timeout_ms, tenant FROM conveyor.job WHERE id = ?")
                .param(UUID.fromString(id)).query().singleRow();
        assertThat(row).containsEntry("state", "SUBMITTED").containsEntry("max_attempts", 5)
                .containsEntry("timeout_ms", 300_000L).containsEntry("tenant", "default");

        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.SUBMITTED));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (id.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            JsonNode event = mapper.readTree(found.getFirst().value());
            assertThat(event.get("jobId").asString()).isEqualTo(id);
            assertThat(event.get("type").asString()).isEqualTo("sql");
            assertThat(event.get("tenant").asString()).isEqualTo("default");
        }
    }

    @Test
    void gets_a_job_by_id_within_its_tenant_only() throws Exception {
        String id = submit("{\"type\": \"echo\", \"params\": {\"a\": [1, 2]}}", Map.of("X-Conveyor-Tenant", "acme"));

        HttpResponse<String> mine = get("/api/v1/jobs/" + id, Map.of("X-Conveyor-Tenant", "acme"));
        assertThat(mine.statusCode()).isEqualTo(200);
        JsonNode job = mapper.readTree(mine.body());
        assertThat(job.get("id").asString()).isEqualTo(id);
        assertThat(job.get("params").get("a").get(1).asInt()).isEqualTo(2);
        assertThat(job.get("maxAttempts").asInt()).isEqualTo(3);
        for (String field : List.of("id", "type", "state", "attempt", "maxAttempts", "params", "result", "error",
                "progress", "createdAt", "queuedAt", "startedAt", "finishedAt", "labels", "manifestId", "runAt",
                "timeout")) {
            assertThat(job.has(field)).as(field).isTrue();
        }

        HttpResponse<String> theirs = get("/api/v1/jobs/" + id, Map.of());
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertProblem(theirs);
    }

    @Test
    void answers_404_for_an_unknown_id() throws Exception {
        HttpResponse<String> response = get("/api/v1/jobs/" + UUID.randomUUID(), Map.of());
        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response);
    }

    @Test
    void lists_jobs_newest_first_across_pages_with_filters() throws Exception {
        Map<String, String> tenant = Map.of("X-Conveyor-Tenant", "paging");
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            submitted.add(submit("{\"type\": \"paged\", \"params\": {\"n\": " + i + "}}", tenant));
        }
        submit("{\"type\": \"echo\"}", tenant);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/api/v1/jobs?type=paged&state=SUBMITTED&limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> response = get(query, tenant);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = mapper.readTree(response.body());
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(submitted.reversed());

        JsonNode all = mapper.readTree(get("/api/v1/jobs", tenant).body());
        assertThat(all.get("items")).hasSize(8);
        assertThat(all.get("nextCursor").isNull()).isTrue();
        JsonNode none = mapper.readTree(get("/api/v1/jobs?state=RUNNING", tenant).body());
        assertThat(none.get("items")).isEmpty();
    }

    @Test
    void shows_the_state_history_of_a_job() throws Exception {
        String id = submit("{\"type\": \"echo\"}", Map.of());

        HttpResponse<String> response = get("/api/v1/jobs/" + id + "/events", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode events = mapper.readTree(response.body());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("from").isNull()).isTrue();
        assertThat(events.get(0).get("to").asString()).isEqualTo("SUBMITTED");
        assertThat(events.get(0).get("attempt").asInt()).isZero();
        assertThat(events.get(0).has("at")).isTrue();
        assertThat(get("/api/v1/jobs/" + UUID.randomUUID() + "/events", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void lists_job_types_with_schema_and_routed_topic() throws Exception {
        HttpResponse<String> response = get("/api/v1/job-types", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        mapper.readTree(response.body()).forEach(type -> byType.put(type.get("type").asString(), type));
        assertThat(byType.get("sql").get("topic").asString()).isEqualTo("conveyor.jobs.sql");
        assertThat(byType.get("sql").get("description").asString()).isEqualTo("Runs a query");
        assertThat(byType.get("sql").get("paramsSchema").get("required").get(0).asString()).isEqualTo("sql");
        assertThat(byType.get("report").get("topic").asString()).isEqualTo("conveyor.jobs.reports-special");
    }

    @Test
    void replays_the_same_request_with_the_same_key_as_200_with_the_same_job() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", "replay-" + UUID.randomUUID());
        HttpResponse<String> first = post("{\"type\": \"sql\", \"params\": {\"sql\": \"select 2\", \"rows\": 3}}", key);
        // same content, different key order and spacing
        HttpResponse<String> second = post("{\"params\":{\"rows\":3,\"sql\":\"select 2\"},\"type\":\"sql\"}", key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        String id = mapper.readTree(first.body()).get("id").asString();
        assertThat(mapper.readTree(second.body()).get("id").asString()).isEqualTo(id);
        assertThat(second.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
    }

    @Test
    void rejects_a_reused_key_with_a_different_body_with_409() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", "conflict-" + UUID.randomUUID());
        assertThat(post("{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}", key).statusCode()).isEqualTo(202);

        HttpResponse<String> conflict = post("{\"type\": \"sql\", \"params\": {\"sql\": \"select 9\"}}", key);

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertProblem(conflict);
    }

    @Test
    void scopes_idempotency_keys_per_tenant() throws Exception {
        String key = "tenant-key-" + UUID.randomUUID();
        HttpResponse<String> a = post("{\"type\": \"echo\"}", Map.of("Idempotency-Key", key, "X-Conveyor-Tenant", "a"));
        HttpResponse<String> b = post("{\"type\": \"echo\"}", Map.of("Idempotency-Key", key, "X-Conveyor-Tenant", "b"));
        assertThat(a.statusCode()).isEqualTo(202);
        assertThat(b.statusCode()).isEqualTo(202);
    }

    @Test
    void creates_exactly_one_job_for_concurrent_identical_requests() throws Exception {
        String key = "race-" + UUID.randomUUID();
        String body = "{\"type\": \"sql\", \"params\": {\"sql\": \"select 3\"}}";
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> post(body, Map.of("Idempotency-Key", key)));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<HttpResponse<String>> future : pool.invokeAll(calls)) {
                responses.add(future.get());
            }
        }

        Set<String> ids = new HashSet<>();
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
            ids.add(mapper.readTree(response.body()).get("id").asString());
        }
        assertThat(ids).hasSize(1);
        assertThat(responses).filteredOn(r -> r.statusCode() == 202).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job WHERE idempotency_key = ?").param(key)
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void accepts_a_type_as_soon_as_a_worker_registers_it() throws Exception {
        String body = "{\"type\": \"late-" + UUID.randomUUID() + "\"}";
        String type = mapper.readTree(body).get("type").asString();
        assertThat(post(body, Map.of()).statusCode()).isEqualTo(422);

        jobTypes.register(type, OPEN_SCHEMA, "Registered after a submission named it", "test");

        // the unknown name was not cached: no wait for job-type-cache-ttl
        assertThat(post(body, Map.of()).statusCode()).isEqualTo(202);
    }

    @Test
    void serves_openapi_docs_and_metrics() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs", Map.of());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/jobs", "/api/v1/job-types");
        assertThat(get("/swagger-ui.html", Map.of()).statusCode()).isIn(200, 302);

        submit("{\"type\": \"echo\"}", Map.of());
        // metrics are served on the management port only
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("conveyor_jobs_submitted_total{", "type=\"echo\"");
    }
}
