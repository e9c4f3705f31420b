package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the bulk endpoint refuses, naming each index, with nothing stored. */
class JobBatchRejectionIT extends JobBatchApiIntegrationTest {

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
            items.add(item(TABLE_LOAD, run, "\"params\": {\"table\": \"t" + i + "\"}"));
        }
        items.set(3, item("teleport", run, ""));
        items.set(7, item(TABLE_LOAD, run, "\"params\": {\"table\": 42}"));
        items.set(5, item(TABLE_LOAD, run, "\"params\": {}"));

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
        assertThat(api.post(PATH, batch(List.of(item(TABLE_LOAD, "elsewhere", "\"params\": {\"table\": \"a\"},"
                + " \"idempotencyKey\": \"" + key + "\""))), Map.of()).statusCode()).isEqualTo(202);

        HttpResponse<String> response = api.post(PATH, batch(List.of(
                item("noop", run, ""),
                item("noop", run, "\"idempotencyKey\": \"" + key + "\""))), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(fields(api.problem(response))).containsExactly("jobs[1].idempotencyKey");
        // the first job had been inserted in the same transaction: it was rolled back with the rest
        assertThat(stored(run)).isZero();
    }
}
