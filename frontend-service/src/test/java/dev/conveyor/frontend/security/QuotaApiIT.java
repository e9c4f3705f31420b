package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each tenant's submission rate, on the context of {@link SecuredApiTest}: its throttled tenant may submit three jobs at
 * once and then one every 100 s, so within this test nothing refills.
 */
class QuotaApiIT extends SecuredApiTest {

    private static final Map<String, String> AS_THROTTLED = Map.of(
            "Authorization", "Bearer " + ADMIN_KEY, "X-Conveyor-Tenant", THROTTLED);

    @BeforeAll
    void registerTypes() {
        jobTypes.register("noop", "{\"type\": \"object\"}", "noop", "test");
    }

    @Test
    void a_tenant_over_its_rate_gets_429_with_retry_after_and_nothing_is_stored() throws Exception {
        // GIVEN a batch larger than the burst: no wait would let it through, so it is a 422 that takes no tokens
        HttpResponse<String> tooLarge = api.post("/api/v1/jobs/batch", """
                {"jobs": [{"type": "noop"}, {"type": "noop"}, {"type": "noop"}, {"type": "noop"}]}
                """, AS_THROTTLED);
        assertThat(tooLarge.statusCode()).isEqualTo(422);
        assertThat(api.problem(tooLarge).get("errors").get(0).get("field").asString()).isEqualTo("jobs");

        // WHEN it submits its burst: a batch of two and one job
        assertThat(api.post("/api/v1/jobs/batch", "{\"jobs\": [{\"type\": \"noop\"}, {\"type\": \"noop\"}]}",
                AS_THROTTLED).statusCode()).isEqualTo(202);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", AS_THROTTLED).statusCode()).isEqualTo(202);

        // THEN the next job and the next manifest are refused with 429, Retry-After and a problem
        for (String[] submission : new String[][] {{"/api/v1/jobs", "{\"type\": \"noop\"}"},
                {"/api/v1/manifests", "{\"name\": \"m\", \"jobs\": [{\"key\": \"a\", \"type\": \"noop\"}]}"}}) {
            HttpResponse<String> refused = api.post(submission[0], submission[1], AS_THROTTLED);
            assertThat(refused.statusCode()).as(submission[0]).isEqualTo(429);
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 100L);
            JsonNode problem = api.problem(refused);
            assertThat(problem.get("status").asInt()).isEqualTo(429);
            assertThat(problem.get("detail").asString()).contains(THROTTLED);
        }
        // AND only the three accepted jobs were stored
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job WHERE tenant = :tenant")
                .param("tenant", THROTTLED).query(Long.class).single()).isEqualTo(3);

        // AND another tenant is not affected
        Map<String, String> asOther = Map.of("Authorization", "Bearer " + ADMIN_KEY,
                "X-Conveyor-Tenant", "secured-unthrottled");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", asOther).statusCode()).isEqualTo(202);
        }
    }
}
