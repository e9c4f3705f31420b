package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobTypeStore;
import dev.conveyor.testsupport.WithRealInfrastructure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Random, malformed and oversized bodies and headers against every endpoint, with authentication on: never a 500,
 * and a rejected request never leaves a job, manifest or key behind. The generator is seeded, and a failure names
 * the seed and the request, so a failure can be replayed. (Same configuration as {@link SecuredApiTest}, so both
 * share one application context.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=frontend,application",
        "conveyor.security.enabled=true",
        "conveyor.security.admin-api-key=" + SecuredApiTest.ADMIN_KEY,
        SecuredApiTest.LIMITED_TENANT_TYPES})
@WithRealInfrastructure
class HostileInputIT {

    private static final int REQUESTS = 400;
    private static final List<String> POST_PATHS = List.of("/api/v1/jobs", "/api/v1/jobs/batch", "/api/v1/manifests",
            "/api/v1/admin/api-keys", "/api/v1/jobs/%s/cancel", "/api/v1/jobs/%s/retry", "/api/v1/manifests/%s/cancel");
    private static final List<String> GET_PATHS = List.of("/api/v1/jobs/%s", "/api/v1/jobs/%s/events",
            "/api/v1/manifests/%s", "/api/v1/jobs?state=%s&limit=%s", "/api/v1/manifests?cursor=%s",
            "/api/v1/dead-letters?since=%s&until=%s", "/api/v1/job-types", "/api/v1/admin/api-keys");
    private static final List<String> BODY_TEMPLATES = List.of(
            "{\"type\": %s, \"params\": %s}",
            "{\"type\": \"noop\", \"params\": {}, \"maxAttempts\": %s, \"timeout\": %s}",
            "{\"type\": \"noop\", \"labels\": {%s: %s}}",
            "{\"jobs\": [%s, %s]}",
            "{\"name\": %s, \"jobs\": [{\"key\": %s, \"type\": \"noop\", \"dependsOn\": [\"a\"]}]}",
            "{\"name\": %s, \"tenant\": %s, \"roles\": [\"read\"]}",
            "%s%s");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JobTypeStore jobTypes;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void never_answers_500_and_never_keeps_anything_from_a_rejected_request() throws Exception {
        jobTypes.register("noop", "{\"type\": \"object\"}", "noop", "test");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long before = stored();
            HttpRequest request = hostile(random);
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String described = "seed " + seed + ", request " + i + ": " + request.method() + " " + request.uri()
                    + " " + request.headers().map() + " -> " + response.statusCode() + " " + abbreviate(response.body());
            if (response.statusCode() >= 500) {
                failures.add(described);
            } else if (response.statusCode() >= 400 && stored() != before) {
                failures.add("stored something: " + described);
            }
        }
        assertThat(failures).isEmpty();
    }

    private long stored() {
        return jdbc.sql("SELECT (SELECT count(*) FROM conveyor.job) + (SELECT count(*) FROM conveyor.manifest)"
                + " + (SELECT count(*) FROM conveyor.api_key)").query(Long.class).single();
    }

    private HttpRequest hostile(Random random) {
        boolean post = random.nextBoolean();
        String template = pick(random, post ? POST_PATHS : GET_PATHS);
        String path = String.format(template, encoded(random), encoded(random));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (post) {
            request.POST(HttpRequest.BodyPublishers.ofString(body(random)));
        } else {
            request.GET();
        }
        switch (random.nextInt(5)) {
            case 0 -> { }
            case 1 -> request.header("Authorization", "Bearer " + headerValue(random));
            case 2 -> request.header("Authorization", headerValue(random));
            default -> request.header("Authorization", "Bearer " + SecuredApiTest.ADMIN_KEY);
        }
        if (random.nextBoolean()) {
            request.header("X-Conveyor-Tenant", headerValue(random));
        }
        if (random.nextBoolean()) {
            request.header("Idempotency-Key", headerValue(random));
        }
        request.header("Content-Type", pick(random, List.of("application/json", "application/json", "text/plain",
                "application/json; charset=latin1", "application/x-www-form-urlencoded", headerValue(random) + "/x")));
        return request.build();
    }

    private static String body(Random random) {
        String template = pick(random, BODY_TEMPLATES);
        String body = String.format(template, jsonValue(random), jsonValue(random));
        return switch (random.nextInt(6)) {
            case 0 -> body.substring(0, random.nextInt(body.length() + 1));
            case 1 -> body + "x".repeat(random.nextInt(3) == 0 ? 3_000_000 : 200_000);
            default -> body;
        };
    }

    private static String jsonValue(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "null";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> "1e999";
            case 3 -> "\"" + "s".repeat(random.nextInt(100_000)) + "\"";
            case 4 -> "[".repeat(random.nextInt(2_000)) + "]".repeat(random.nextInt(2_000));
            case 5 -> "{\"a\": " + "{\"a\": ".repeat(random.nextInt(500)) + "1" + "}".repeat(random.nextInt(500)) + "}";
            case 6 -> "\"\\u0000\\ud800\"";
            case 7 -> "\"noop\"";
            case 8 -> "\"sql\"";
            case 9 -> "{}";
            case 10 -> "true";
            default -> "\"" + headerValue(random).replace("\\", "").replace("\"", "") + "\"";
        };
    }

    /** Printable ASCII only: anything else the HTTP client refuses to send as a header. */
    private static String headerValue(Random random) {
        int length = random.nextInt(10) == 0 ? 10_000 : random.nextInt(40);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < length; i++) {
            value.append((char) (0x21 + random.nextInt(0x7e - 0x21)));
        }
        return value.isEmpty() ? "x" : value.toString();
    }

    private static String encoded(Random random) {
        String raw = random.nextInt(3) == 0 ? java.util.UUID.randomUUID().toString()
                : headerValue(random) + (random.nextBoolean() ? "é\u0000/../" : "");
        return URLEncoder.encode(raw, StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
