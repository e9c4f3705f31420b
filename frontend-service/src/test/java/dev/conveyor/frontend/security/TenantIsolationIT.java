package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobMoves;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The tenant is the key's: another tenant's job, manifest and dead letters are 404, only an admin may act for
 * another tenant, and job types are limited by role ({@code sql}) and by tenant.
 */
class TenantIsolationIT extends SecuredApiTest {

    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;

    private String theirJob;
    private String theirFailedJob;
    private String theirManifest;

    @BeforeAll
    void createTheirData() throws Exception {
        Map<String, String> adminAsThem = Map.of("Authorization", "Bearer " + ADMIN_KEY, "X-Conveyor-Tenant", THEIRS);
        theirJob = api.json(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", adminAsThem)).get("id").asString();
        theirManifest = api.json(api.post("/api/v1/manifests",
                "{\"name\": \"theirs\", \"jobs\": [{\"key\": \"a\", \"type\": \"noop\"}]}", adminAsThem))
                .get("id").asString();
        Job failed = jobs.insert(NewJob.of("noop", Map.of()).withTenant(THEIRS));
        moves.queue(failed.id(), JobState.SUBMITTED).orElseThrow();
        moves.claim(failed.id(), "worker-1", Duration.ofMinutes(1)).orElseThrow();
        moves.fail(failed.id(), "worker-1", 1, "boom").orElseThrow();
        theirFailedJob = failed.id().toString();
    }

    @Test
    void needs_the_sql_role_for_jobs_that_run_caller_sql() throws Exception {
        String submitter = createKey(MINE, "submit");
        long before = jobsOf(MINE);

        JsonNode single = api.problem(api.post("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}",
                bearer(submitter)));
        assertThat(single.get("status").asInt()).isEqualTo(403);
        assertThat(single.get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"check\", \"params\": {\"table\": \"t\", \"assertions\":"
                + " [{\"type\": \"custom\", \"sql\": \"select 1\"}]}}", bearer(submitter)).statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"export\", \"params\": {\"query\": \"select 1\","
                + " \"target\": \"x.csv\"}}", bearer(submitter)).statusCode()).isEqualTo(403);
        JsonNode batch = api.problem(api.post("/api/v1/jobs/batch", "{\"jobs\": [{\"type\": \"noop\"},"
                + " {\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}]}", bearer(submitter)));
        assertThat(batch.get("errors").get(0).get("field").asString()).isEqualTo("jobs[1].type");
        JsonNode manifest = api.problem(api.post("/api/v1/manifests", "{\"name\": \"m\", \"jobs\": [{\"key\": \"q\","
                + " \"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}]}", bearer(submitter)));
        assertThat(manifest.get("errors").get(0).get("field").asString()).isEqualTo("jobs[q].type");
        assertThat(jobsOf(MINE)).as("nothing stored").isEqualTo(before);

        assertThat(api.post("/api/v1/jobs", "{\"type\": \"check\", \"params\": {\"table\": \"t\", \"assertions\":"
                + " [{\"type\": \"row_count\", \"min\": 1}]}}", bearer(submitter)).statusCode()).isEqualTo(202);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}", bearer(mine))
                .statusCode()).isEqualTo(202);
    }

    @Test
    void lets_a_limited_tenant_submit_only_its_job_types() throws Exception {
        String limited = createKey(LIMITED, "submit", "sql");

        assertThat(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", bearer(limited)).statusCode()).isEqualTo(202);
        JsonNode single = api.problem(api.post("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}",
                bearer(limited)));
        assertThat(single.get("status").asInt()).isEqualTo(403);
        assertThat(single.get("errors").get(0).get("message").asString()).contains("not a job type this tenant");
        JsonNode batch = api.problem(api.post("/api/v1/jobs/batch", "{\"jobs\": [{\"type\": \"noop\"},"
                + " {\"type\": \"export\", \"params\": {\"table\": \"t\"}}]}", bearer(limited)));
        assertThat(batch.get("errors").get(0).get("field").asString()).isEqualTo("jobs[1].type");
        assertThat(jobsOf(LIMITED)).isEqualTo(1);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"sql\", \"params\": {\"sql\": \"select 1\"}}",
                bearer(mine)).statusCode()).as("other tenants are not limited").isEqualTo(202);
    }

    @Test
    void takes_the_tenant_from_the_key_and_lets_only_an_admin_name_another() throws Exception {
        String id = api.json(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", bearer(mine))).get("id").asString();
        assertThat(jdbc.sql("SELECT tenant FROM conveyor.job WHERE id = :id").param("id", UUID.fromString(id))
                .query(String.class).single()).isEqualTo(MINE);

        Map<String, String> switching = Map.of("Authorization", "Bearer " + mine, "X-Conveyor-Tenant", THEIRS);
        assertThat(api.problem(api.get("/api/v1/jobs/" + theirJob, switching)).get("status").asInt()).isEqualTo(403);
        assertThat(api.post("/api/v1/jobs", "{\"type\": \"noop\"}", switching).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/jobs/" + id, Map.of("Authorization", "Bearer " + mine, "X-Conveyor-Tenant", MINE))
                .statusCode()).isEqualTo(200);

        Map<String, String> adminAsThem = Map.of("Authorization", "Bearer " + ADMIN_KEY, "X-Conveyor-Tenant", THEIRS);
        assertThat(api.get("/api/v1/jobs/" + theirJob, adminAsThem).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/jobs/" + theirJob, bearer(ADMIN_KEY)).statusCode())
                .as("the bootstrap key's own tenant is 'default'").isEqualTo(404);
    }

    @Test
    void answers_404_for_another_tenants_job_manifest_and_dead_letters() throws Exception {
        Map<String, String> headers = bearer(mine);
        for (String job : List.of(theirJob, theirFailedJob)) {
            assertThat(api.problem(api.get("/api/v1/jobs/" + job, headers)).get("status").asInt()).isEqualTo(404);
            assertThat(api.get("/api/v1/jobs/" + job + "/events", headers).statusCode()).isEqualTo(404);
            assertThat(api.post("/api/v1/jobs/" + job + "/cancel", null, headers).statusCode()).isEqualTo(404);
            assertThat(api.post("/api/v1/jobs/" + job + "/retry", null, headers).statusCode()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/manifests/" + theirManifest, headers).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/manifests/" + theirManifest + "/cancel", null, headers).statusCode())
                .isEqualTo(404);
        assertThat(api.json(api.get("/api/v1/dead-letters", headers)).get("items").toString())
                .doesNotContain(theirFailedJob);
        assertThat(api.json(api.get("/api/v1/jobs", headers)).get("items").toString()).doesNotContain(theirJob);
        assertThat(api.json(api.get("/api/v1/manifests", headers)).get("items").toString())
                .doesNotContain(theirManifest);

        Map<String, String> adminAsThem = Map.of("Authorization", "Bearer " + ADMIN_KEY, "X-Conveyor-Tenant", THEIRS);
        assertThat(api.json(api.get("/api/v1/dead-letters", adminAsThem)).get("items").toString())
                .contains(theirFailedJob);
        assertThat(api.get("/api/v1/manifests/" + theirManifest, adminAsThem).statusCode()).isEqualTo(200);
    }
}
