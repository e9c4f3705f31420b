package dev.conveyor.frontend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The database is down (nothing listens on its port): the API must say 503, never 202 or 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=frontend,application",
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/conveyor",
        "spring.datasource.hikari.initialization-fail-timeout=-1",
        "spring.datasource.hikari.connection-timeout=500",
        "spring.flyway.enabled=false",
        "spring.kafka.bootstrap-servers=127.0.0.1:1"})
class DatabaseUnavailableIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answers_a_submission_with_503_and_retry_after() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}"))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertUnavailable(response);
    }

    @Test
    void answers_reads_with_503() throws Exception {
        for (String path : new String[] {"/api/v1/jobs/" + UUID.randomUUID(), "/api/v1/jobs", "/api/v1/job-types",
                "/api/v1/manifests/" + UUID.randomUUID(), "/api/v1/manifests", "/api/v1/dead-letters"}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
            assertUnavailable(http.send(request, HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void answers_a_manifest_submission_and_cancels_with_503() throws Exception {
        String base = "http://localhost:" + port;
        HttpRequest submit = HttpRequest.newBuilder(URI.create(base + "/api/v1/manifests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"m\", \"jobs\": [{\"key\": \"a\", \"type\": \"sql\"}]}"))
                .build();
        assertUnavailable(http.send(submit, HttpResponse.BodyHandlers.ofString()));
        for (String path : new String[] {"/api/v1/jobs/" + UUID.randomUUID() + "/cancel",
                "/api/v1/jobs/" + UUID.randomUUID() + "/retry", "/api/v1/manifests/" + UUID.randomUUID() + "/cancel"}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            assertUnavailable(http.send(request, HttpResponse.BodyHandlers.ofString()));
        }
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("\"status\":503").doesNotContain("Exception", "127.0.0.1");
    }
}
