package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Paths and URLs a worker would refuse are refused when the job is submitted (422 naming the field), on the context
 * of {@link SecuredApiTest}.
 */
class SubmissionPolicyIT extends SecuredApiTest {

    private static final String TENANT = "secured-policy";
    private static final Map<String, String> AS_TENANT = Map.of(
            "Authorization", "Bearer " + ADMIN_KEY, "X-Conveyor-Tenant", TENANT);

    @BeforeAll
    void registerTypes() {
        for (String type : List.of("load", "export")) {
            jobTypes.register(type, "{\"type\": \"object\"}", type, "test");
        }
    }

    @Test
    void a_single_job_with_a_forbidden_source_or_path_is_refused_naming_the_field() throws Exception {
        for (String[] refused : new String[][] {
                {"{\"type\": \"load\", \"params\": {\"source\": \"http://169.254.169.254/latest/meta-data/\"}}",
                        "params.source"},
                {"{\"type\": \"load\", \"params\": {\"source\": \"http://127.0.0.1:5432/x.csv\"}}", "params.source"},
                {"{\"type\": \"load\", \"params\": {\"source\": \"http://10.0.0.7/x.csv\"}}", "params.source"},
                {"{\"type\": \"load\", \"params\": {\"source\": \"file:///etc/passwd\"}}", "params.source"},
                {"{\"type\": \"load\", \"params\": {\"source\": \"/etc/passwd\"}}", "params.source"},
                {"{\"type\": \"load\", \"params\": {\"source\": \"data/../../secrets.csv\"}}", "params.source"},
                {"{\"type\": \"export\", \"params\": {\"table\": \"t\", \"path\": \"../out.csv\"}}", "params.path"},
                {"{\"type\": \"export\", \"params\": {\"table\": \"t\", \"path\": \"https://example.com/x\"}}",
                        "params.path"}}) {
            HttpResponse<String> response = api.post("/api/v1/jobs", refused[0], AS_TENANT);
            assertThat(response.statusCode()).as(refused[0]).isEqualTo(422);
            assertThat(fields(api.problem(response))).as(refused[0]).containsExactly(refused[1]);
        }
        assertThat(jobsOfTenant()).as("nothing stored for a refused submission").isZero();
    }

    @Test
    void batches_and_manifests_name_each_refused_job() throws Exception {
        HttpResponse<String> batch = api.post("/api/v1/jobs/batch", """
                {"jobs": [{"type": "load", "params": {"source": "in/orders.csv"}},
                          {"type": "load", "params": {"source": "http://localhost/x.csv"}},
                          {"type": "export", "params": {"table": "t", "path": "/tmp/out.csv"}}]}
                """, AS_TENANT);
        assertThat(batch.statusCode()).isEqualTo(422);
        assertThat(fields(api.problem(batch))).containsExactly("jobs[1].params.source", "jobs[2].params.path");

        HttpResponse<String> manifest = api.post("/api/v1/manifests", """
                {"name": "m", "jobs": [{"key": "fetch", "type": "load", "params": {"source": "gopher://8.8.8.8/x"}},
                  {"key": "out", "type": "export", "dependsOn": ["fetch"], "params": {"table": "t", "path": "out.csv"}}]}
                """, AS_TENANT);
        assertThat(manifest.statusCode()).isEqualTo(422);
        assertThat(fields(api.problem(manifest))).containsExactly("jobs[fetch].params.source");
        assertThat(jobsOfTenant()).isZero();
    }

    @Test
    void paths_inside_the_files_directory_and_public_urls_are_accepted() throws Exception {
        Map<String, String> asOther = Map.of(
                "Authorization", "Bearer " + ADMIN_KEY, "X-Conveyor-Tenant", TENANT + "-accepted");
        for (String accepted : List.of(
                "{\"type\": \"load\", \"params\": {\"source\": \"in/orders.csv\"}}",
                "{\"type\": \"load\", \"params\": {\"source\": \"https://8.8.8.8/x.csv\"}}",
                "{\"type\": \"export\", \"params\": {\"table\": \"t\", \"path\": \"a/../b.csv\"}}")) {
            HttpResponse<String> response = api.post("/api/v1/jobs", accepted, asOther);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private long jobsOfTenant() {
        return jdbc.sql("SELECT count(*) FROM conveyor.job WHERE tenant = :tenant").param("tenant", TENANT)
                .query(Long.class).single();
    }
}
