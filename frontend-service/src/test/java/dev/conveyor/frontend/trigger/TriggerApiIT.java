package dev.conveyor.frontend.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.frontend.FrontendApiTest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The trigger API over HTTP on a real PostgreSQL and Kafka (the shared frontend context). */
class TriggerApiIT extends FrontendApiTest {

    private static final Map<String, String> TENANT = Map.of("X-Conveyor-Tenant", "trigger-api");


    /** Another class of this context may register load with the real schema: every load here carries a table. */
    @BeforeAll
    void registerTypes() {
        jobTypes.register("load", OPEN_SCHEMA, "Loads a file", "test");
        jobTypes.register("export", OPEN_SCHEMA, "Exports a table", "test");
    }

    @Test
    void a_trigger_with_placeholders_in_its_paths_is_created_read_and_listed() throws Exception {
        HttpResponse<String> created = api.post("/api/v1/triggers", """
                {"name": "sales-drops", "watch": {"path": "incoming/./sales/", "glob": "*.csv"},
                 "manifest": {"name": "ingest", "jobs": [
                   {"key": "load", "type": "load", "params": {"source": "${trigger.path}", "table": "sales"}},
                   {"key": "export", "type": "export", "dependsOn": ["load"],
                    "params": {"table": "sales", "path": "out/${trigger.name}-${trigger.size}.csv"}}]}}
                """, TENANT);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode trigger = api.json(created);
        String id = trigger.get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/triggers/" + id);
        assertThat(trigger.get("watch").get("path").asString()).isEqualTo("incoming/sales");
        assertThat(trigger.get("watch").get("glob").asString()).isEqualTo("*.csv");
        assertThat(trigger.get("paused").asBoolean()).isFalse();
        assertThat(trigger.get("manifest").get("jobs").get(0).get("params").get("source").asString())
                .isEqualTo("${trigger.path}");

        assertThat(api.json(api.get("/api/v1/triggers/" + id, TENANT)).get("name").asString())
                .isEqualTo("sales-drops");
        JsonNode listed = api.json(api.get("/api/v1/triggers", TENANT));
        assertThat(listed.get("items").valueStream().map(item -> item.get("name").asString())).contains("sales-drops");
        assertThat(api.get("/api/v1/triggers/" + id, Map.of()).statusCode()).as("another tenant's trigger")
                .isEqualTo(404);
    }

    @Test
    void a_watch_path_outside_the_files_directory_or_a_template_the_api_would_refuse_is_refused_naming_the_field()
            throws Exception {
        assertRefused("""
                {"name": "escape", "watch": {"path": "../elsewhere"}, "job": {"type": "load",
                 "params": {"source": "${trigger.path}", "table": "t"}}}
                """, 422, "watch.path");
        assertRefused("""
                {"name": "absolute", "watch": {"path": "/etc"}, "job": {"type": "load",
                 "params": {"source": "${trigger.path}", "table": "t"}}}
                """, 422, "watch.path");
        assertRefused("""
                {"name": "not-a-path", "watch": {"path": "in\\u0000x"}, "job": {"type": "load",
                 "params": {"source": "${trigger.path}", "table": "t"}}}
                """, 422, "watch.path");
        assertRefused("""
                {"name": "bad-glob", "watch": {"path": "in", "glob": "[a"}, "job": {"type": "load",
                 "params": {"source": "${trigger.path}", "table": "t"}}}
                """, 422, "watch.glob");
        assertRefused("""
                {"name": "no-watch", "job": {"type": "load", "params": {"source": "${trigger.path}", "table": "t"}}}
                """, 400, "watch");
        assertRefused("""
                {"name": "bad-type", "watch": {"path": "in"}, "job": {"type": "nope"}}
                """, 422, "job.type");
        assertRefused("""
                {"name": "escaping-source", "watch": {"path": "in"}, "job": {"type": "load",
                 "params": {"source": "../${trigger.name}", "table": "t"}}}
                """, 422, "job.params.source");
        assertRefused("""
                {"name": "bad-manifest", "watch": {"path": "in"}, "manifest": {"name": "m", "jobs": [
                 {"key": "a", "type": "load", "params": {"source": "${trigger.path}", "table": "t"},
                  "dependsOn": ["missing"]}]}}
                """, 422, "manifest.jobs[a].dependsOn");
        assertRefused("""
                {"name": "typo", "watch": {"path": "in"}, "manifest": {"name": "m", "jobs": [
                 {"key": "a", "type": "load", "params": {"source": "${trigger.file}", "table": "t"}}]}}
                """, 422, "manifest.jobs[a].params.source");
        assertRefused("""
                {"name": "neither", "watch": {"path": "in"}}
                """, 400, "job");
        assertRefused("""
                {"name": "run-at", "watch": {"path": "in"}, "job": {"type": "load",
                 "params": {"source": "${trigger.path}", "table": "t"}, "runAt": "2030-01-01T00:00:00Z"}}
                """, 400, "job.runAt");

        String twice = """
                {"name": "twice", "watch": {"path": "in"}, "job": {"type": "load",
                 "params": {"source": "${trigger.path}", "table": "t"}}}
                """;
        assertThat(api.post("/api/v1/triggers", twice, TENANT).statusCode()).isEqualTo(201);
        assertRefused(twice, 409, "name");
    }

    @Test
    void pause_resume_files_and_delete() throws Exception {
        String id = api.json(api.post("/api/v1/triggers", """
                {"name": "lifecycle", "watch": {"path": "drops"}, "job": {"type": "load",
                 "params": {"source": "${trigger.path}", "table": "t"}}}
                """, TENANT)).get("id").asString();

        assertThat(api.json(send("PATCH", "/api/v1/triggers/" + id, "{\"paused\": true}")).get("paused").asBoolean())
                .isTrue();
        assertThat(api.json(send("PATCH", "/api/v1/triggers/" + id, "{\"paused\": false}")).get("paused").asBoolean())
                .isFalse();

        // what the scheduler records for a started file
        UUID jobId = UUID.randomUUID();
        Instant modified = Instant.parse("2026-11-30T10:15:30.123456Z");
        jdbc.sql("""
                        INSERT INTO conveyor.trigger_file (id, trigger_id, path, size, modified_at, first_seen_at,
                               last_seen_at, state, job_id, started_at)
                        VALUES (:id, :trigger, 'drops/a.csv', 42, :modified, :modified, :modified, 'STARTED', :job,
                               :modified)
                        """)
                .param("id", UUID.randomUUID()).param("trigger", UUID.fromString(id))
                .param("modified", Timestamp.from(modified)).param("job", jobId).update();
        JsonNode files = api.json(api.get("/api/v1/triggers/" + id + "/files", TENANT));
        assertThat(files.get("items")).hasSize(1);
        JsonNode file = files.get("items").get(0);
        assertThat(file.get("path").asString()).isEqualTo("drops/a.csv");
        assertThat(file.get("size").asLong()).isEqualTo(42);
        assertThat(file.get("state").asString()).isEqualTo("STARTED");
        assertThat(file.get("jobId").asString()).isEqualTo(jobId.toString());
        assertThat(Instant.parse(file.get("modifiedAt").asString())).isEqualTo(modified);

        send("DELETE", "/api/v1/triggers/" + id, null);
        assertThat(api.get("/api/v1/triggers/" + id, TENANT).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/triggers/" + id + "/files", TENANT).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.trigger_file WHERE trigger_id = :id")
                .param("id", UUID.fromString(id)).query(Long.class).single()).isZero();
    }

    private void assertRefused(String body, int status, String field) throws Exception {
        api.assertRefused("/api/v1/triggers", body, TENANT, status, field);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return api.sendOk(method, path, body, TENANT);
    }
}
