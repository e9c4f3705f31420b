package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public API as one tenant's script calls it: every request carries {@code X-Conveyor-Tenant}, so
 * routes can send the tenant's jobs to a topic of their own and a fault test can give each scenario its
 * own worker pool on one shared system. (A job of another tenant reads as 404.)
 */
final class ConveyorApi {

    static final String TENANT_HEADER = "X-Conveyor-Tenant";

    record Response(int status, String contentType, JsonNode body, String location) {

        String id() {
            return body == null ? null : body.path("id").asString();
        }
    }

    /** One row of {@code GET /api/v1/jobs/{id}/events}. */
    record Transition(String from, String to, int attempt, String worker, String message, Instant at) {

        static Transition of(JsonNode event) {
            return new Transition(text(event, "from"), text(event, "to"), event.path("attempt").asInt(),
                    text(event, "worker"), text(event, "message"), Instant.parse(event.path("at").asString()));
        }

        private static String text(JsonNode event, String field) {
            JsonNode value = event.path(field);
            return value.isNull() || value.isMissingNode() ? null : value.asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String tenant;

    /** The default tenant's view. */
    ConveyorApi(int port) {
        this(port, "default");
    }

    ConveyorApi(int port, String tenant) {
        this.base = "http://localhost:" + port;
        this.tenant = tenant;
    }

    String tenant() {
        return tenant;
    }

    Response submit(String type, Map<String, Object> params) {
        return submit(type, params, Map.of(), Map.of());
    }

    /**
     * @param options further body fields, e.g. {@code maxAttempts}, {@code timeout}
     * @param headers further headers, e.g. {@code Idempotency-Key}
     */
    Response submit(String type, Map<String, Object> params, Map<String, Object> options, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("params", params);
        body.putAll(options);
        return post("/api/v1/jobs", JSON.writeValueAsString(body), headers);
    }

    Response cancel(String id) {
        return post("/api/v1/jobs/" + id + "/cancel", "", Map.of());
    }

    Response retry(String id) {
        return post("/api/v1/jobs/" + id + "/retry", "", Map.of());
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    JsonNode job(String id) {
        Response response = get("/api/v1/jobs/" + id);
        assertThat(response.status()).as("GET job %s answered %s", id, response.body()).isEqualTo(200);
        return response.body();
    }

    String state(String id) {
        return job(id).path("state").asString();
    }

    List<Transition> history(String id) {
        Response response = get("/api/v1/jobs/" + id + "/events");
        assertThat(response.status()).as("GET events of %s answered %s", id, response.body()).isEqualTo(200);
        return response.body().valueStream().map(Transition::of).toList();
    }

    /** The id of a job the API accepted; fails the test with the answer otherwise. */
    static String accepted(Response response) {
        assertThat(response.status()).as("POST answered %s %s", response.status(), response.body()).isEqualTo(202);
        assertThat(response.location()).endsWith(response.id());
        return response.id();
    }

    private Response post(String path, String body, Map<String, String> headers) {
        return post(path, body, "application/json", headers);
    }

    /** Any POST, e.g. a malformed body or another media type. */
    Response post(String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header(TENANT_HEADER, tenant);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? null : JSON.readTree(text);
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body,
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
