package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the job API refuses, and how it says so: problem+json naming the field, never a stack trace. */
class JobRequestRejectionIT extends JobApiIntegrationTest {

    @Test
    void rejects_an_unknown_state_filter_with_400_naming_the_parameter() throws Exception {
        HttpResponse<String> response = get("/api/v1/jobs?state=BOGUS", Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(assertProblem(response).get("errors").get(0).get("field").asString()).isEqualTo("state");

        HttpResponse<String> badCursor = get("/api/v1/jobs?cursor=nonsense", Map.of());
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(assertProblem(badCursor).get("detail").asString()).contains("cursor");

        HttpResponse<String> badLimit = get("/api/v1/jobs?limit=501", Map.of());
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(assertProblem(badLimit).get("detail").asString()).contains("limit");
    }

    @Test
    void rejects_malformed_json_with_400() throws Exception {
        HttpResponse<String> response = post("{\"type\": \"sql\", \"params\": ", Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response);
    }

    @Test
    void rejects_max_attempts_0_with_400_naming_the_field() throws Exception {
        HttpResponse<String> response = post("{\"type\": \"echo\", \"maxAttempts\": 0}", Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = assertProblem(response);
        assertThat(problem.get("detail").asString()).contains("maxAttempts");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("maxAttempts");
    }

    @Test
    void rejects_a_bad_run_at_with_400_naming_the_field() throws Exception {
        HttpResponse<String> response = post("{\"type\": \"echo\", \"runAt\": \"tomorrow\"}", Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = assertProblem(response);
        assertThat(problem.get("detail").asString()).contains("runAt");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("runAt");
    }

    @Test
    void rejects_a_zero_timeout_with_400_naming_the_field() throws Exception {
        HttpResponse<String> response = post("{\"type\": \"echo\", \"timeout\": \"PT0S\"}", Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(assertProblem(response).get("errors").get(0).get("field").asString()).isEqualTo("timeout");
    }

    @Test
    void rejects_a_body_over_128_KiB_with_413_also_without_content_length() throws Exception {
        String body = "{\"type\": \"echo\", \"params\": {\"blob\": \"" + "x".repeat(140 * 1024) + "\"}}";
        HttpResponse<String> sized = post(body, Map.of());
        assertThat(sized.statusCode()).isEqualTo(413);
        assertProblem(sized);

        HttpRequest chunked = HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes())))
                .build();
        HttpResponse<String> streamed = http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertProblem(streamed);
    }

    @Test
    void rejects_params_over_64_KiB_with_413() throws Exception {
        String body = "{\"type\": \"echo\", \"params\": {\"blob\": \"" + "x".repeat(70 * 1024) + "\"}}";
        HttpResponse<String> response = post(body, Map.of());
        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response);
    }

    @Test
    void rejects_text_plain_with_415() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"echo\"}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertProblem(response);
    }

    @Test
    void rejects_an_unsupported_method_with_405() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/jobs")).DELETE().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertProblem(response);
    }

    @Test
    void rejects_an_unknown_type_with_422() throws Exception {
        HttpResponse<String> response = post("{\"type\": \"nope\", \"params\": {}}", Map.of());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(assertProblem(response).get("detail").asString()).contains("nope");
    }

    @Test
    void rejects_params_failing_the_schema_with_422_listing_json_paths() throws Exception {
        HttpResponse<String> response = post("{\"type\": \"sql\", \"params\": {\"sql\": 42, \"rows\": 0}}", Map.of());
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = assertProblem(response);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).contains("$.sql", "$.rows");
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job WHERE params ->> 'rows' = '0'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void answers_a_bug_with_a_500_problem_that_leaks_nothing() throws Exception {
        HttpResponse<String> response = get("/api/v1/broken", Map.of());
        assertThat(response.statusCode()).isEqualTo(500);
        assertProblem(response);
        assertThat(response.body()).doesNotContain("secret-internal-detail", "hunter2", "IllegalStateException",
                "at dev.conveyor");
    }
}
