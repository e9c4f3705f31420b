package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.frontend.FrontendApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The API with authentication on, a bootstrap admin key and a tenant limited to some job types: one application
 * context for every class that extends this. Keys are created through the admin API, as an operator would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=frontend,application",
        "conveyor.security.enabled=true",
        "conveyor.security.admin-api-key=" + SecuredApiTest.ADMIN_KEY,
        SecuredApiTest.LIMITED_TENANT_TYPES,
        SecuredApiTest.THROTTLED_RATE,
        SecuredApiTest.THROTTLED_BURST})
abstract class SecuredApiTest extends FrontendApiTest {

    static final String ADMIN_KEY = "bootstrap-admin-key-for-the-secured-api-test";
    static final String LIMITED = "secured-limited";
    static final String LIMITED_TENANT_TYPES = "conveyor.security.tenant-job-types." + LIMITED + "=noop,check";
    /** A tenant that may submit three jobs at once and then one per 100 s: {@link QuotaApiIT}. */
    static final String THROTTLED = "secured-throttled";
    static final String THROTTLED_RATE = "conveyor.security.quotas.tenants." + THROTTLED + ".rate=0.01";
    static final String THROTTLED_BURST = "conveyor.security.quotas.tenants." + THROTTLED + ".burst=3";
    static final String MINE = "secured-mine";
    static final String THEIRS = "secured-theirs";

    @LocalManagementPort
    int managementPort;

    final HttpClient http = HttpClient.newHttpClient();
    /** Every role but admin, for tenant MINE. */
    String mine;

    @BeforeAll
    void registerTypesAndCreateMyKey() throws Exception {
        for (String type : List.of("noop", "sql", "check", "export")) {
            jobTypes.register(type, OPEN_SCHEMA, type, "test");
        }
        mine = createKey(MINE, "submit", "read", "operate", "sql");
    }

    String createKey(String tenant, String... roles) throws Exception {
        List<String> quoted = new ArrayList<>();
        for (String role : roles) {
            quoted.add("\"" + role + "\"");
        }
        HttpResponse<String> response = post("/api/v1/admin/api-keys", "{\"name\": \"test\", \"tenant\": \"" + tenant
                + "\", \"roles\": [" + String.join(", ", quoted) + "]}", ADMIN_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return api.json(response).get("key").asString();
    }

    UUID keyId(String key) {
        return jdbc.sql("SELECT id FROM conveyor.api_key WHERE key_hash = :hash").param("hash", ApiKeySecrets.hash(key))
                .query(UUID.class).single();
    }

    long jobsOf(String tenant) {
        return jdbc.sql("SELECT count(*) FROM conveyor.job WHERE tenant = :tenant").param("tenant", tenant)
                .query(Long.class).single();
    }

    HttpResponse<String> post(String path, String body, String key) throws Exception {
        return api.post(path, body, bearer(key));
    }

    HttpResponse<String> delete(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }
}
