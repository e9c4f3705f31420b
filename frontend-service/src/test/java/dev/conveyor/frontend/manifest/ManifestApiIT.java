package dev.conveyor.frontend.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.routing.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Submitting, reading, listing, replaying and cancelling manifests. */
class ManifestApiIT extends ManifestApiIntegrationTest {

    @Test
    void stores_the_jobs_and_edges_in_one_go_and_announces_only_the_jobs_without_dependencies() throws Exception {
        // GIVEN a diamond-ish manifest: two roots, a join that names one root twice, and a tail
        String body = """
                {"name": "nightly", "labels": {"team": "data"}, "jobs": [
                  {"key": "orders", "type": "load", "params": {"table": "orders"}},
                  {"key": "customers", "type": "load", "params": {"table": "customers"}, "maxAttempts": 5},
                  {"key": "join", "type": "sql", "dependsOn": ["orders", "customers", "orders"],
                   "params": {"sql": "select * from ${jobs.orders.result.table} join ${jobs.customers.result.table}"}},
                  {"key": "report", "type": "sql", "dependsOn": ["join"], "timeout": "PT1M",
                   "params": {"sql": "select 1 from ${jobs.orders.result.table}"}}
                ]}
                """;

        // WHEN it is submitted
        HttpResponse<String> response = api.post("/api/v1/manifests", body, Map.of());

        // THEN it is stored with roots SUBMITTED, the rest WAITING on their distinct dependencies
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode manifest = api.json(response);
        String id = manifest.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/manifests/" + id);
        assertThat(manifest.get("state").asString()).isEqualTo("RUNNING");
        assertThat(manifest.get("labels").get("team").asString()).isEqualTo("data");
        Map<String, JsonNode> byKey = byKey(manifest);
        assertThat(byKey.keySet()).containsExactlyInAnyOrder("orders", "customers", "join", "report");
        assertThat(byKey.get("join").get("dependsOn")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("orders", "customers");
        assertThat(byKey.get("customers").get("maxAttempts").asInt()).isEqualTo(5);

        Map<String, Map<String, Object>> rows = new HashMap<>();
        jdbc.sql("SELECT job_key, state, pending_dependencies, timeout_ms FROM conveyor.job WHERE manifest_id = ?")
                .param(UUID.fromString(id)).query().listOfRows()
                .forEach(row -> rows.put((String) row.get("job_key"), row));
        assertThat(rows.get("orders")).containsEntry("state", "SUBMITTED").containsEntry("pending_dependencies", 0);
        assertThat(rows.get("customers")).containsEntry("state", "SUBMITTED").containsEntry("pending_dependencies", 0);
        assertThat(rows.get("join")).containsEntry("state", "WAITING").containsEntry("pending_dependencies", 2);
        assertThat(rows.get("report")).containsEntry("state", "WAITING").containsEntry("pending_dependencies", 1)
                .containsEntry("timeout_ms", 60_000L);
        List<String> edges = jdbc.sql("""
                        SELECT j.job_key || '<-' || u.job_key FROM conveyor.job_dependency d
                          JOIN conveyor.job j ON j.id = d.job_id JOIN conveyor.job u ON u.id = d.depends_on
                         WHERE j.manifest_id = ?
                        """).param(UUID.fromString(id)).query(String.class).list();
        assertThat(edges).containsExactlyInAnyOrder("join<-orders", "join<-customers", "report<-join");

        // AND only the roots are announced
        List<String> ids = byKey.values().stream().map(job -> job.get("id").asString()).toList();
        List<ConsumerRecord<String, String>> announced = api.read(Topics.SUBMITTED, ids,
                found -> found.size() >= 2, Duration.ofSeconds(2));
        assertThat(announced).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                byKey.get("orders").get("id").asString(), byKey.get("customers").get("id").asString());
    }

    @Test
    void shows_a_manifest_with_keys_dependencies_and_the_state_derived_from_its_jobs() throws Exception {
        String id = submit(chain("show"), Map.of());
        HttpResponse<String> response = api.get("/api/v1/manifests/" + id, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode manifest = api.json(response);
        for (String field : List.of("id", "name", "state", "createdAt", "finishedAt", "labels", "jobs")) {
            assertThat(manifest.has(field)).as(field).isTrue();
        }
        assertThat(manifest.get("name").asString()).isEqualTo("show");
        assertThat(manifest.get("state").asString()).isEqualTo("RUNNING");
        assertThat(manifest.get("finishedAt").isNull()).isTrue();
        JsonNode second = byKey(manifest).get("second");
        for (String field : List.of("key", "id", "type", "state", "dependsOn", "attempt", "maxAttempts", "result",
                "error", "startedAt", "finishedAt")) {
            assertThat(second.has(field)).as(field).isTrue();
        }
        assertThat(second.get("dependsOn").get(0).asString()).isEqualTo("first");
        assertThat(second.get("state").asString()).isEqualTo("WAITING");

        assertThat(api.get("/api/v1/manifests/" + id, Map.of("X-Conveyor-Tenant", "other")).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/manifests/" + UUID.randomUUID(), Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void lists_manifests_newest_first_across_pages() throws Exception {
        Map<String, String> tenant = Map.of("X-Conveyor-Tenant", "manifest-paging");
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(submit(chain("page-" + i), tenant));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> response = api.get("/api/v1/manifests?state=running&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), tenant);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = api.json(response);
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(submitted.reversed());
        assertThat(api.json(api.get("/api/v1/manifests?state=SUCCEEDED", tenant)).get("items")).isEmpty();
        assertThat(api.get("/api/v1/manifests?state=BOGUS", tenant).statusCode()).isEqualTo(400);
    }

    @Test
    void replays_the_same_manifest_with_the_same_key_and_refuses_a_different_body() throws Exception {
        String key = "manifest-" + UUID.randomUUID();
        HttpResponse<String> first = api.post("/api/v1/manifests", chain("idem"), Map.of("Idempotency-Key", key));
        HttpResponse<String> again = api.post("/api/v1/manifests", chain("idem"), Map.of("Idempotency-Key", key));
        HttpResponse<String> changed = api.post("/api/v1/manifests", chain("idem-changed"),
                Map.of("Idempotency-Key", key));
        HttpResponse<String> otherTenant = api.post("/api/v1/manifests", chain("idem"),
                Map.of("Idempotency-Key", key, "X-Conveyor-Tenant", "elsewhere"));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(api.json(again).get("id").asString()).isEqualTo(api.json(first).get("id").asString());
        assertThat(changed.statusCode()).isEqualTo(409);
        api.problem(changed);
        assertThat(otherTenant.statusCode()).isEqualTo(202);
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.manifest WHERE idempotency_key = ?").param(key)
                .query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void cancels_the_jobs_no_worker_holds_and_asks_running_ones_to_stop() throws Exception {
        // GIVEN a manifest whose root is RUNNING on a worker, with a waiting dependent and a second root
        String id = submit("""
                {"name": "to-cancel", "jobs": [{"key": "running", "type": "load"},
                  {"key": "waiting", "type": "load", "dependsOn": ["running"]}, {"key": "idle", "type": "load"}]}
                """, Map.of());
        Map<String, JsonNode> byKey = byKey(api.json(api.get("/api/v1/manifests/" + id, Map.of())));
        UUID running = UUID.fromString(byKey.get("running").get("id").asString());
        testJobs.aRunningJob().leasedBy("worker-1").advance(running);

        // WHEN the manifest is cancelled
        HttpResponse<String> response = api.post("/api/v1/manifests/" + id + "/cancel", null, Map.of());

        // THEN the others are CANCELLED at once and the running one has a cancel request
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Map<String, JsonNode> after = byKey(api.json(response));
        assertThat(after.get("waiting").get("state").asString()).isEqualTo("CANCELLED");
        assertThat(after.get("idle").get("state").asString()).isEqualTo("CANCELLED");
        assertThat(after.get("running").get("state").asString()).isEqualTo("RUNNING");
        assertThat(jobs.find(running).orElseThrow().cancelRequested()).isTrue();

        // AND JobCancelled is published for each job cancelled here, not for the running one
        List<String> ids = after.values().stream().map(job -> job.get("id").asString()).toList();
        List<ConsumerRecord<String, String>> events = api.read(Topics.EVENTS, ids, found -> found.size() >= 2,
                Duration.ofSeconds(2));
        assertThat(events).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                after.get("waiting").get("id").asString(), after.get("idle").get("id").asString());
        JsonNode event = mapper.readTree(events.getFirst().value());
        assertThat(event.get("event").asString()).isEqualTo("JobCancelled");
        assertThat(event.get("manifestId").asString()).isEqualTo(id);

        // WHEN the worker stops the running job, the manifest is finished and a further cancel is refused
        moves.cancelRunning(running, "worker-1", 1, "cancel requested").orElseThrow();
        JsonNode finished = api.json(api.get("/api/v1/manifests/" + id, Map.of()));
        assertThat(finished.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(finished.get("finishedAt").isNull()).isFalse();
        HttpResponse<String> again = api.post("/api/v1/manifests/" + id + "/cancel", null, Map.of());
        assertThat(again.statusCode()).isEqualTo(409);
        api.problem(again);
    }

    @Test
    void publishes_the_new_endpoints_in_the_openapi_document() throws Exception {
        String docs = api.get("/v3/api-docs", Map.of()).body();
        assertThat(docs).contains("/api/v1/manifests", "/api/v1/manifests/{id}/cancel", "/api/v1/jobs/{id}/cancel",
                "/api/v1/jobs/{id}/retry", "/api/v1/dead-letters");
    }
}
