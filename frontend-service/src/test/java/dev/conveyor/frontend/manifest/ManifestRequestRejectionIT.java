package dev.conveyor.frontend.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the manifest API refuses, naming the job and field, with nothing stored. */
class ManifestRequestRejectionIT extends ManifestApiIntegrationTest {

    @Test
    void rejects_duplicate_keys_naming_them() throws Exception {
        JsonNode problem = rejected("""
                {"name": "dupes", "jobs": [{"key": "a", "type": "load"}, {"key": "b", "type": "load"},
                  {"key": "a", "type": "load"}]}
                """);
        assertThat(problem.get("detail").asString()).contains("used more than once: a");
    }

    @Test
    void rejects_a_dependency_on_an_unknown_key() throws Exception {
        JsonNode problem = rejected("""
                {"name": "unknown-dep", "jobs": [{"key": "a", "type": "load", "dependsOn": ["ghost"]}]}
                """);
        assertThat(problem.get("detail").asString()).contains("ghost");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("jobs[a].dependsOn");
    }

    @Test
    void rejects_a_cycle_naming_it() throws Exception {
        JsonNode problem = rejected("""
                {"name": "cycle", "jobs": [{"key": "a", "type": "load", "dependsOn": ["b"]},
                  {"key": "b", "type": "load", "dependsOn": ["a"]}, {"key": "c", "type": "load"}]}
                """);
        assertThat(problem.get("detail").asString()).contains("a -> b -> a");
    }

    @Test
    void rejects_an_unknown_type_and_bad_params_naming_each_job_and_stores_nothing() throws Exception {
        JsonNode problem = rejected("""
                {"name": "bad-jobs", "jobs": [{"key": "ok", "type": "load"},
                  {"key": "mystery", "type": "nope"},
                  {"key": "query", "type": "sql", "dependsOn": ["ok"], "params": {"sql": 42}}]}
                """);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).contains("jobs[mystery].type", "jobs[query].params.sql");
        assertThat(problem.get("detail").asString()).contains("nope");
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.manifest WHERE name = 'bad-jobs'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void rejects_a_reference_to_a_job_that_is_not_upstream() throws Exception {
        JsonNode problem = rejected("""
                {"name": "bad-ref", "jobs": [{"key": "a", "type": "load"}, {"key": "b", "type": "load"},
                  {"key": "c", "type": "sql", "dependsOn": ["a"], "params": {"sql": "select ${jobs.b.result.x}"}}]}
                """);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("jobs[c].params.sql");
        assertThat(problem.get("detail").asString()).contains("${jobs.b.result.x}", "'c'");
    }

    @Test
    void rejects_1001_jobs_and_accepts_1000_beyond_the_ordinary_body_limit() throws Exception {
        HttpResponse<String> tooMany = api.post("/api/v1/manifests", manyJobs("too-many", 1_001, 0), Map.of());
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(api.problem(tooMany).get("detail").asString()).contains("1000");

        // 1,000 jobs with some params are well over 128 KiB: the manifest limit applies
        String body = manyJobs("thousand", 1_000, 150);
        assertThat(body.length()).isGreaterThan(128 * 1024);
        HttpResponse<String> accepted = api.post("/api/v1/manifests", body, Map.of());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(api.json(accepted).get("jobs")).hasSize(1_000);
    }
}
