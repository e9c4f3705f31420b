package dev.conveyor.frontend.webhook;

import dev.conveyor.frontend.FrontendApiTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code notify} through the API on a real PostgreSQL (the context of the manifest API tests, with the default URL
 * allow-list): forbidden receivers are refused before anything is stored; an allowed one gets a delivery when the
 * job finishes, listed with the job; the signing secret is shown and rotated.
 */
class WebhookApiIT extends FrontendApiTest {

    private static final Map<String, String> TENANT = Map.of("X-Conveyor-Tenant", "hooked");
    /** A public address (TEST-NET-3) as a literal: allowed without a DNS lookup, never called by these tests. */
    private static final String ALLOWED = "https://203.0.113.10/hooks";

    @BeforeAll
    void setUp() {
        jobTypes.register("noop", "{\"type\": \"object\"}", "Does nothing", "test");
    }

    @Test
    void a_forbidden_receiver_is_refused_at_submission_and_nothing_is_stored() throws Exception {
        long jobsBefore = count("job");
        long subscriptionsBefore = count("webhook_subscription");
        assertRefused("/api/v1/jobs", """
                {"type": "noop", "notify": {"url": "http://127.0.0.1:8080/hooks"}}
                """, 422, "notify.url");
        assertRefused("/api/v1/jobs", """
                {"type": "noop", "notify": {"url": "http://169.254.169.254/latest/meta-data"}}
                """, 422, "notify.url");
        assertRefused("/api/v1/jobs", """
                {"type": "noop", "notify": {"url": "ftp://203.0.113.10/hooks"}}
                """, 422, "notify.url");
        assertRefused("/api/v1/jobs", """
                {"type": "noop", "notify": {"url": "%s", "events": ["finished"]}}
                """.formatted(ALLOWED), 400, "notify.events");
        assertRefused("/api/v1/manifests", """
                {"name": "m", "jobs": [{"key": "a", "type": "noop"}], "notify": {"url": "http://10.0.0.7/hooks"}}
                """, 422, "notify.url");
        assertRefused("/api/v1/schedules", """
                {"name": "s", "cron": "0 0 * * * *", "job": {"type": "noop", "notify": {"url": "http://localhost/h"}}}
                """, 422, "job.notify.url");
        assertThat(count("job")).isEqualTo(jobsBefore);
        assertThat(count("webhook_subscription")).isEqualTo(subscriptionsBefore);
    }

    @Test
    void a_job_with_an_allowed_receiver_gets_a_delivery_when_it_finishes() throws Exception {
        HttpResponse<String> submitted = api.post("/api/v1/jobs", """
                {"type": "noop", "params": {"token": "s3cret"}, "notify": {"url": "%s", "events": ["cancelled"]}}
                """.formatted(ALLOWED), TENANT);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = api.json(submitted).get("id").asString();
        assertThat(deliveries(id)).isEmpty();

        assertThat(api.post("/api/v1/jobs/" + id + "/cancel", null, TENANT).statusCode()).isEqualTo(200);

        JsonNode delivery = deliveries(id).get(0);
        assertThat(delivery.get("event").asString()).isEqualTo("job.cancelled");
        assertThat(delivery.get("state").asString()).isEqualTo("PENDING");
        assertThat(delivery.get("url").asString()).isEqualTo(ALLOWED);
        String body = jdbc.sql("SELECT body FROM conveyor.webhook_delivery WHERE id = CAST(:id AS uuid)")
                .param("id", delivery.get("eventId").asString()).query(String.class).single();
        JsonNode event = mapper.readTree(body);
        assertThat(event.get("jobId").asString()).isEqualTo(id);
        assertThat(event.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(body).doesNotContain("s3cret");
    }

    @Test
    void the_signing_secret_is_made_on_first_use_and_rotated() throws Exception {
        String first = api.json(api.get("/api/v1/webhook-secret", TENANT)).get("secret").asString();
        assertThat(first).startsWith("whsec_");
        assertThat(api.json(api.get("/api/v1/webhook-secret", TENANT)).get("secret").asString()).isEqualTo(first);

        String rotated = api.json(api.post("/api/v1/webhook-secret/rotate", null, TENANT)).get("secret").asString();

        assertThat(rotated).startsWith("whsec_").isNotEqualTo(first);
        assertThat(api.json(api.get("/api/v1/webhook-secret", TENANT)).get("secret").asString()).isEqualTo(rotated);
    }

    private JsonNode deliveries(String jobId) throws Exception {
        HttpResponse<String> response = api.get("/api/v1/jobs/" + jobId + "/webhook-deliveries", TENANT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.json(response).get("items");
    }

    private void assertRefused(String path, String body, int status, String field) throws Exception {
        api.assertRefused(path, body, TENANT, status, field);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM conveyor." + table).query(Long.class).single();
    }
}
