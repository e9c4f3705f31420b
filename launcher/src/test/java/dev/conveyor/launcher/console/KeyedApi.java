package dev.conveyor.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public API called with one API key, as a script beside the console would call it. */
final class KeyedApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    KeyedApi(String base, String key) {
        this.base = base;
        this.key = key;
    }

    KeyedApi as(String otherKey) {
        return new KeyedApi(base, otherKey);
    }

    /** POSTs {@code body} and returns the id of what the API accepted (202); fails the test otherwise. */
    String accepted(String path, String body) {
        HttpResponse<String> response = send("POST", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asString();
    }

    /** A key for {@code tenant} with {@code roles}, created with this (admin) key. */
    String createKey(String name, String tenant, String... roles) {
        String quoted = String.join(", ", java.util.Arrays.stream(roles).map(role -> "\"" + role + "\"").toList());
        HttpResponse<String> created = send("POST", "/api/v1/admin/api-keys", "{\"name\": \"" + name + "\","
                + " \"tenant\": \"" + tenant + "\", \"roles\": [" + quoted + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("key").asString();
    }

    JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    String state(String jobId) {
        return get("/api/v1/jobs/" + jobId).path("state").asString();
    }

    HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
