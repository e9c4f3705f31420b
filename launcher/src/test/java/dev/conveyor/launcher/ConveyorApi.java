package dev.conveyor.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for the public API, as a user's script would call it. */
final class ConveyorApi {

    record Response(int status, String contentType, JsonNode body, String location) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    ConveyorApi(int port) {
        this.base = "http://localhost:" + port;
    }

    Response submit(String type, Map<String, Object> params) {
        return submit(type, params, Map.of());
    }

    Response submit(String type, Map<String, Object> params, Map<String, String> headers) {
        return post("/api/v1/jobs", json.writeValueAsString(Map.of("type", type, "params", params)),
                "application/json", headers);
    }

    Response post(String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    Response get(String path) {
        return get(path, Map.of());
    }

    Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    JsonNode job(String id) {
        return get("/api/v1/jobs/" + id).body();
    }

    /** A job of another tenant than the default one. */
    JsonNode job(String id, String tenant) {
        return get("/api/v1/jobs/" + id, Map.of("X-Conveyor-Tenant", tenant)).body();
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? null : json.readTree(text);
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
