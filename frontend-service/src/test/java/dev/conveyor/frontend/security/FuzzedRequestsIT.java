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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;

/**
 * Random, malformed and oversized bodies, headers and path segments at every endpoint of the API: never a 5xx, and a
 * rejected request stores nothing. Runs on jqwik with a fixed seed, so every run sends the same requests; the
 * application context is {@link SecuredApiTest}'s, taken from Spring's test context cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=frontend,application",
        "conveyor.security.enabled=true",
        "conveyor.security.admin-api-key=" + SecuredApiTest.ADMIN_KEY,
        SecuredApiTest.LIMITED_TENANT_TYPES,
        SecuredApiTest.THROTTLED_RATE,
        SecuredApiTest.THROTTLED_BURST})
@WithRealInfrastructure
class FuzzedRequestsIT {

    private static final String ADMIN = "Bearer " + SecuredApiTest.ADMIN_KEY;
    private static final List<String> VALID_BODIES = List.of(
            "{\"type\": \"noop\", \"params\": {\"n\": 1}, \"labels\": {\"team\": \"a\"}, \"maxAttempts\": 2}",
            "{\"jobs\": [{\"type\": \"noop\"}, {\"type\": \"noop\", \"idempotencyKey\": \"k-1\"}]}",
            "{\"name\": \"m\", \"jobs\": [{\"key\": \"a\", \"type\": \"noop\"},"
                    + " {\"key\": \"b\", \"type\": \"noop\", \"dependsOn\": [\"a\"],"
                    + " \"params\": {\"x\": \"${jobs.a.result.rows}\"}}]}",
            "{\"name\": \"fuzz\", \"tenant\": \"fuzz\", \"roles\": [\"read\"]}");
    private static final List<String> JSON_PIECES = List.of("{", "}", "[", "]", ",", ":", "\"type\"", "\"noop\"",
            "\"sql\"", "\"params\"", "\"jobs\"", "\"labels\"", "\"name\"", "\"key\"", "\"dependsOn\"", "\"runAt\"",
            "\"timeout\"", "\"maxAttempts\"", "\"idempotencyKey\"", "\"roles\"", "\"expiresAt\"", "null", "true",
            "-1", "0", "1e999", "99999999999999999999999", "\"PT-1S\"", "\"2030-13-45T99:00:00Z\"", "\"\\u0000\"",
            "\"${jobs.a.result.x}\"", "\"${\"", "\"\\ud800\"", "\"admin\"", "\"\"", " ");
    private static final List<String> ENDPOINTS = List.of(
            "POST /api/v1/jobs", "POST /api/v1/jobs/batch", "POST /api/v1/manifests", "POST /api/v1/admin/api-keys",
            "POST /api/v1/jobs/{id}/cancel", "POST /api/v1/jobs/{id}/retry", "POST /api/v1/manifests/{id}/cancel",
            "GET /api/v1/jobs", "GET /api/v1/jobs/{id}", "GET /api/v1/jobs/{id}/events", "GET /api/v1/manifests",
            "GET /api/v1/manifests/{id}", "GET /api/v1/dead-letters", "GET /api/v1/job-types",
            "GET /api/v1/admin/api-keys", "DELETE /api/v1/admin/api-keys/{id}", "PUT /api/v1/jobs",
            "PATCH /api/v1/jobs/{id}");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JobTypeStore jobTypes;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One request of a try. */
    record Call(String endpoint, String id, String query, Map<String, String> headers, byte[] body) {

        @Override
        public String toString() {
            return endpoint + " id=" + id + " query=" + query + " headers=" + headers + " body("
                    + body.length + ")=" + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        }
    }

    @BeforeProperty
    void springContext() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        jobTypes.register("noop", "{\"type\": \"object\"}", "noop", "test");
    }

    @Property(tries = 300, seed = "20261202", shrinking = ShrinkingMode.BOUNDED)
    void submissions_with_hostile_bodies_never_fail_and_store_nothing_when_rejected(
            @ForAll("submissions") Call call) throws Exception {
        check(call);
    }

    @Property(tries = 300, seed = "1202", shrinking = ShrinkingMode.BOUNDED)
    void any_endpoint_with_hostile_headers_paths_and_queries_never_fails(@ForAll("anyCall") Call call)
            throws Exception {
        check(call);
    }

    @Provide
    Arbitrary<Call> submissions() {
        Arbitrary<String> endpoint = Arbitraries.of("POST /api/v1/jobs", "POST /api/v1/jobs/batch",
                "POST /api/v1/manifests", "POST /api/v1/admin/api-keys");
        Arbitrary<Map<String, String>> headers = Arbitraries.of("fuzz-a", "fuzz-b").map(tenant -> Map.of(
                "Authorization", ADMIN, "X-Conveyor-Tenant", tenant, "Content-Type", "application/json"));
        return Combinators.combine(endpoint, headers, bodies())
                .as((path, header, body) -> new Call(path, "", "", header, body));
    }

    @Provide
    Arbitrary<Call> anyCall() {
        return Combinators.combine(Arbitraries.of(ENDPOINTS), pathIds(), queries(), hostileHeaders(), bodies())
                .as(Call::new);
    }

    private void check(Call call) throws Exception {
        long before = storedRows();
        HttpResponse<String> response = send(call);
        assertThat(response.statusCode()).as("%s answered %s", call, response.body()).isLessThan(500);
        if (response.statusCode() >= 300) {
            assertThat(storedRows()).as("rows stored by a rejected request: %s", call).isEqualTo(before);
            String type = response.headers().firstValue("Content-Type").orElse("");
            // Tomcat refuses a request line it cannot parse (an encoded NUL in the path) with its own page, before
            // any of Conveyor's code runs; everything else is a problem
            boolean refusedByTomcat = response.statusCode() == 400 && type.startsWith("text/html");
            if (!refusedByTomcat) {
                assertThat(type).as("%s answered %s", call, response.body()).startsWith("application/problem+json");
            }
        }
    }

    private HttpResponse<String> send(Call call) throws Exception {
        String[] methodAndPath = call.endpoint().split(" ");
        String path = methodAndPath[1].replace("{id}", call.id()) + call.query();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(methodAndPath[0], HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Jobs, manifests and API keys: whatever a request could store. */
    private long storedRows() {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM conveyor.job) + (SELECT count(*) FROM conveyor.manifest)
                     + (SELECT count(*) FROM conveyor.api_key)
                """).query(Long.class).single();
    }

    private static Arbitrary<byte[]> bodies() {
        Arbitrary<String> valid = Arbitraries.of(VALID_BODIES);
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 400),
                        Arbitraries.chars().all(), Arbitraries.of("insert", "delete", "replace"))
                .as((body, at, c, how) -> {
                    int i = Math.min(at, body.length() - 1);
                    return switch (how) {
                        case "insert" -> body.substring(0, i) + c + body.substring(i);
                        case "delete" -> body.substring(0, i) + body.substring(i + 1);
                        default -> body.substring(0, i) + c + body.substring(i + 1);
                    };
                });
        Arbitrary<String> pieces = Arbitraries.of(JSON_PIECES).list().ofMaxSize(40).map(list -> String.join("", list));
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> shaped = Combinators.combine(Arbitraries.strings().all().ofMaxLength(30),
                        Arbitraries.integers().between(0, 200), Arbitraries.integers().between(0, 3000))
                .as((type, labels, valueLength) -> {
                    Map<String, String> many = new LinkedHashMap<>();
                    for (int i = 0; i < labels; i++) {
                        many.put("l" + i, "v".repeat(valueLength / Math.max(1, labels)));
                    }
                    return "{\"type\": \"" + type.replace("\\", "\\\\").replace("\"", "\\\"") + "\", \"labels\": "
                            + labelsJson(many) + ", \"params\": {\"v\": \"" + "x".repeat(valueLength) + "\"}}";
                });
        Arbitrary<String> deep = Arbitraries.integers().between(100, 5000)
                .map(depth -> "{\"type\": \"noop\", \"params\": {\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}}");
        Arbitrary<String> oversized = Arbitraries.integers().between(1, 3)
                .map(megabytes -> "{\"type\": \"noop\", \"params\": {\"blob\": \"" + "x".repeat(megabytes << 20) + "\"}}");
        Arbitrary<byte[]> strings = Arbitraries.<String>frequencyOf(
                        weighted(6, valid), weighted(20, mutated), weighted(20, pieces), weighted(10, text),
                        weighted(15, shaped), weighted(4, deep), weighted(1, oversized))
                .map(body -> body.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.<byte[]>frequencyOf(weighted(9, strings), weighted(1, bytes));
    }

    private static <T> Tuple.Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight,
            Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    private static String labelsJson(Map<String, String> labels) {
        StringBuilder json = new StringBuilder("{");
        labels.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key)
                .append("\":\"").append(value).append('"'));
        return json.append('}').toString();
    }

    private static Arbitrary<String> pathIds() {
        return Arbitraries.oneOf(
                Arbitraries.create(UUID::randomUUID).map(UUID::toString),
                Arbitraries.strings().all().ofMaxLength(80).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
                Arbitraries.of("", "..", "%2e%2e", "00000000-0000-0000-0000-000000000000", "x".repeat(5000)));
    }

    private static Arbitrary<String> queries() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.of("RUNNING", "running", "-1", "0", "501", "99999999999", "eyJ4IjoxfQ", "!!"));
        return Combinators.combine(Arbitraries.of("", "state", "type", "limit", "cursor", "tenant"), value)
                .as((name, v) -> name.isEmpty() ? "" : "?" + name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
    }

    private static Arbitrary<Map<String, String>> hostileHeaders() {
        // what java.net.http lets through: printable ASCII, no line breaks
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300)
                .map(String::strip);
        Arbitrary<Optional<String>> authorization = Arbitraries.oneOf(Arbitraries.just(Optional.of(ADMIN)),
                Arbitraries.just(Optional.<String>empty()), printable.map(Optional::of),
                printable.map(value -> Optional.of("Bearer cvk_" + value)));
        Arbitrary<Optional<String>> tenant = Arbitraries.oneOf(Arbitraries.just(Optional.<String>empty()),
                printable.map(Optional::of), Arbitraries.just(Optional.of("a".repeat(201))));
        Arbitrary<Optional<String>> contentType = Arbitraries.oneOf(
                Arbitraries.of("application/json", "text/plain", "application/json; charset=utf-16", "*/*",
                        "application/xml", "multipart/form-data; boundary=x").map(Optional::of),
                printable.map(Optional::of), Arbitraries.just(Optional.<String>empty()));
        Arbitrary<Optional<String>> idempotencyKey = Arbitraries.oneOf(Arbitraries.just(Optional.<String>empty()),
                printable.map(Optional::of), Arbitraries.just(Optional.of("k".repeat(5000))));
        Arbitrary<Optional<String>> accept = Arbitraries.oneOf(Arbitraries.just(Optional.<String>empty()),
                Arbitraries.of("application/xml", "text/html", "*/*", "application/json;q=0").map(Optional::of));
        return Combinators.combine(authorization, tenant, contentType, idempotencyKey, accept)
                .as((auth, tenantName, type, key, acceptType) -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    auth.filter(value -> !value.isEmpty()).ifPresent(value -> headers.put("Authorization", value));
                    tenantName.filter(value -> !value.isEmpty())
                            .ifPresent(value -> headers.put("X-Conveyor-Tenant", value));
                    type.filter(value -> !value.isEmpty()).ifPresent(value -> headers.put("Content-Type", value));
                    key.filter(value -> !value.isEmpty()).ifPresent(value -> headers.put("Idempotency-Key", value));
                    acceptType.ifPresent(value -> headers.put("Accept", value));
                    return headers;
                });
    }
}
