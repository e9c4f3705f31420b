package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.routing.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.SqlArrayValue;
import tools.jackson.databind.JsonNode;

/** Storing batches of jobs, answering their ids in order, replays and the OpenAPI description. */
class JobBatchApiIT extends JobBatchApiIntegrationTest {

    @Test
    void stores_every_job_and_answers_their_ids_in_request_order_then_announces_each() throws Exception {
        String run = run();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            items.add(i % 2 == 0
                    ? "{\"type\": \"noop\", \"labels\": {\"run\": \"" + run + "\", \"n\": \"" + i + "\"}}"
                    : "{\"type\": \"" + TABLE_LOAD + "\", \"params\": {\"table\": \"t" + i + "\"}, \"maxAttempts\": 5,"
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
                    .containsEntry("type", i % 2 == 0 ? "noop" : TABLE_LOAD)
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
    void describes_the_endpoint_in_the_openapi_document() throws Exception {
        HttpResponse<String> docs = api.get("/v3/api-docs", Map.of());

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode operation = api.json(docs).get("paths").get(PATH).get("post");
        JsonNode responses = operation.get("responses");
        assertThat(List.of("202", "400", "409", "413", "422", "503")).allMatch(responses::has);
    }
}
