package dev.conveyor.frontend.schedule;

import dev.conveyor.frontend.FrontendApiTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobStore;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The schedule API over HTTP on a real PostgreSQL and Kafka (the context of the manifest API tests). */
class ScheduleApiIT extends FrontendApiTest {

    private static final String SQL_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"sql": {"type": "string", "minLength": 1}}, "required": ["sql"]}
            """;
    private static final Map<String, String> TENANT = Map.of("X-Conveyor-Tenant", "acme");

    @Autowired
    JobStore jobs;

    @BeforeAll
    void setUp() {
        jobTypes.register("sql", SQL_SCHEMA, "Runs a query", "test");
    }

    @Test
    void a_job_schedule_is_created_with_its_next_fire_times_in_its_zone_and_listed() throws Exception {
        HttpResponse<String> created = api.post("/api/v1/schedules", """
                {"name": "nightly", "cron": "0 30 2 * * *", "timeZone": "Europe/Berlin", "overlap": "cancel_previous",
                 "job": {"type": "sql", "params": {"sql": "select 1"}, "maxAttempts": 2, "timeout": "PT5M"},
                 "labels": {"team": "data"}}
                """, TENANT);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode schedule = api.json(created);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/schedules/" + schedule.get("id").asString());
        assertThat(schedule.get("job").get("params").get("sql").asString()).isEqualTo("select 1");
        assertThat(schedule.get("job").get("timeout").asString()).isEqualTo("PT5M");
        assertThat(schedule.get("overlap").asString()).isEqualTo("cancel_previous");
        assertThat(schedule.get("catchUp").asString()).isEqualTo("one");
        List<Instant> next = new ArrayList<>();
        schedule.get("nextFireTimes").forEach(time -> next.add(Instant.parse(time.asString())));
        assertThat(next).hasSize(ScheduleView.NEXT_FIRE_TIMES).isSorted().allSatisfy(time ->
                assertThat(time.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalTime())
                        .isEqualTo(java.time.LocalTime.of(2, 30)));

        JsonNode listed = api.json(api.get("/api/v1/schedules", TENANT));
        assertThat(listed.get("items").valueStream().map(item -> item.get("name").asString())).contains("nightly");
        assertThat(api.get("/api/v1/schedules/" + schedule.get("id").asString(), Map.of()).statusCode())
                .as("another tenant's schedule").isEqualTo(404);
    }

    @Test
    void a_template_the_api_would_refuse_is_refused_naming_the_field() throws Exception {
        assertRefused("""
                {"name": "bad-params", "cron": "0 0 * * * *", "job": {"type": "sql", "params": {}}}
                """, 422, "job.");
        assertRefused("""
                {"name": "bad-type", "cron": "0 0 * * * *", "job": {"type": "nope"}}
                """, 422, "job.type");
        assertRefused("""
                {"name": "bad-attempts", "cron": "0 0 * * * *", "job": {"type": "sql", "params": {"sql": "x"},
                 "maxAttempts": 0}}
                """, 400, "job.maxAttempts");
        assertRefused("""
                {"name": "bad-manifest", "cron": "0 0 * * * *", "manifest": {"name": "m", "jobs": [
                 {"key": "a", "type": "sql", "params": {"sql": "x"}, "dependsOn": ["missing"]}]}}
                """, 422, "manifest.jobs[a].dependsOn");
        assertRefused("""
                {"name": "bad-cron", "cron": "0 0 * * *", "job": {"type": "sql", "params": {"sql": "x"}}}
                """, 422, "cron");
        assertRefused("""
                {"name": "bad-zone", "cron": "0 0 * * * *", "timeZone": "Mars/Olympus",
                 "job": {"type": "sql", "params": {"sql": "x"}}}
                """, 422, "timeZone");
        assertRefused("""
                {"name": "both", "cron": "0 0 * * * *", "job": {"type": "sql", "params": {"sql": "x"}},
                 "manifest": {"name": "m", "jobs": [{"key": "a", "type": "sql", "params": {"sql": "x"}}]}}
                """, 400, "job");
        assertRefused("""
                {"name": "bad-overlap", "cron": "0 0 * * * *", "overlap": "sometimes",
                 "job": {"type": "sql", "params": {"sql": "x"}}}
                """, 400, "overlap");
    }

    @Test
    void a_name_is_unique_per_tenant() throws Exception {
        String body = """
                {"name": "twice", "cron": "0 0 * * * *", "job": {"type": "sql", "params": {"sql": "x"}}}
                """;
        assertThat(api.post("/api/v1/schedules", body, TENANT).statusCode()).isEqualTo(201);
        assertRefused(body, 409, "name");
        assertThat(api.post("/api/v1/schedules", body, Map.of("X-Conveyor-Tenant", "other")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void pause_resume_trigger_firings_and_delete() throws Exception {
        String id = api.json(api.post("/api/v1/schedules", """
                {"name": "manifest-hourly", "cron": "0 0 * * * *", "manifest": {"name": "pipeline", "jobs": [
                 {"key": "a", "type": "sql", "params": {"sql": "x"}},
                 {"key": "b", "type": "sql", "params": {"sql": "y"}, "dependsOn": ["a"]}]}}
                """, TENANT)).get("id").asString();

        JsonNode paused = api.json(send("PATCH", "/api/v1/schedules/" + id, "{\"paused\": true}"));
        assertThat(paused.get("paused").asBoolean()).isTrue();
        assertThat(paused.get("nextFireTimes")).isEmpty();
        JsonNode resumed = api.json(send("PATCH", "/api/v1/schedules/" + id,
                "{\"paused\": false, \"cron\": \"0 15 * * * *\"}"));
        assertThat(resumed.get("nextFireTimes")).hasSize(ScheduleView.NEXT_FIRE_TIMES);
        assertThat(Instant.parse(resumed.get("nextFireTimes").get(0).asString()).atZone(java.time.ZoneOffset.UTC)
                .getMinute()).isEqualTo(15);

        HttpResponse<String> triggered = api.post("/api/v1/schedules/" + id + "/trigger", null, TENANT);
        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(202);
        String manifestId = api.json(triggered).get("manifestId").asString();
        JsonNode manifest = api.json(api.get("/api/v1/manifests/" + manifestId, TENANT));
        assertThat(manifest.get("jobs")).hasSize(2);
        JsonNode firings = api.json(api.get("/api/v1/schedules/" + id + "/firings", TENANT));
        assertThat(firings.get("items")).singleElement().satisfies(firing -> {
            assertThat(firing.get("manual").asBoolean()).isTrue();
            assertThat(firing.get("manifestId").asString()).isEqualTo(manifestId);
        });

        assertThat(send("DELETE", "/api/v1/schedules/" + id, null).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/schedules/" + id, TENANT).statusCode()).isEqualTo(404);
        assertThat(api.json(api.get("/api/v1/manifests/" + manifestId, TENANT)).get("id").asString())
                .as("work already started stays").isEqualTo(manifestId);
    }

    @Test
    void a_triggered_job_schedule_stores_the_job_as_a_post_would() throws Exception {
        String id = api.json(api.post("/api/v1/schedules", """
                {"name": "adhoc", "cron": "0 0 0 1 1 *", "job": {"type": "sql", "params": {"sql": "select 2"},
                 "maxAttempts": 4, "labels": {"k": "v"}}}
                """, TENANT)).get("id").asString();

        String jobId = api.json(api.post("/api/v1/schedules/" + id + "/trigger", null, TENANT)).get("jobId").asString();

        var job = jobs.find(UUID.fromString(jobId)).orElseThrow();
        assertThat(job.tenant()).isEqualTo("acme");
        assertThat(job.params()).containsEntry("sql", "select 2");
        assertThat(job.maxAttempts()).isEqualTo(4);
        assertThat(job.labels()).containsEntry("k", "v");
    }

    private void assertRefused(String body, int status, String field) throws Exception {
        api.assertRefused("/api/v1/schedules", body, TENANT, status, field);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return api.sendOk(method, path, body, TENANT);
    }
}
