package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.frontend.FrontendApiTest;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.ManifestStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class JobControlIT extends FrontendApiTest {

    private static final Duration LEASE = Duration.ofMinutes(1);

    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;
    @Autowired
    TestJobs testJobs;
    @Autowired
    ManifestStore manifests;

    @BeforeAll
    void setUp() {
        jobTypes.register("load", OPEN_SCHEMA, "Loads a file", "test");
    }

    @Test
    void cancels_a_queued_job_at_once_and_announces_it() throws Exception {
        Job job = testJobs.aQueuedJob().ofType("load").insert();

        HttpResponse<String> response = cancel(job.id());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(api.json(response).get("state").asString()).isEqualTo("CANCELLED");
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        List<ConsumerRecord<String, String>> events = api.read(Topics.EVENTS, List.of(job.id().toString()),
                found -> !found.isEmpty(), Duration.ZERO);
        JsonNode event = mapper.readTree(events.getFirst().value());
        assertThat(event.get("event").asString()).isEqualTo("JobCancelled");
        assertThat(event.get("jobId").asString()).isEqualTo(job.id().toString());
    }

    @Test
    void asks_the_worker_of_a_running_job_to_stop_it() throws Exception {
        Job job = testJobs.aRunningJob().ofType("load").withLease(LEASE).insert();

        HttpResponse<String> response = cancel(job.id());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode view = api.json(response);
        assertThat(view.get("state").asString()).isEqualTo("RUNNING");
        assertThat(view.get("cancelRequested").asBoolean()).isTrue();
        assertThat(api.json(api.get("/api/v1/jobs/" + job.id(), Map.of())).get("cancelRequested").asBoolean())
                .isTrue();
    }

    @Test
    void refuses_to_cancel_a_finished_job_with_409() throws Exception {
        Job job = testJobs.aSucceededJob().ofType("load").withResult(Map.of("rows", 1)).insert();

        HttpResponse<String> response = cancel(job.id());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(api.problem(response).get("detail").asString()).contains("SUCCEEDED");
    }

    @Test
    void retries_a_failed_job_as_a_new_attempt_and_announces_it() throws Exception {
        // GIVEN a job that used its only attempt and failed
        Job job = testJobs.aFailedJob().ofType("load").withMaxAttempts(1).withError("boom").insert();

        // WHEN it is retried
        HttpResponse<String> response = retry(job.id());

        // THEN it starts over with room for one more attempt, and the scheduler is told
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode view = api.json(response);
        assertThat(view.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(view.get("maxAttempts").asInt()).isEqualTo(2);
        assertThat(view.get("error").isNull()).isTrue();
        List<ConsumerRecord<String, String>> announced = api.read(Topics.SUBMITTED, List.of(job.id().toString()),
                found -> !found.isEmpty(), Duration.ZERO);
        assertThat(mapper.readTree(announced.getFirst().value()).get("jobId").asString())
                .isEqualTo(job.id().toString());
    }

    @Test
    void retrying_a_job_in_a_manifest_rearms_the_jobs_it_caused_to_be_skipped() throws Exception {
        // GIVEN a manifest extract -> transform -> publish, plus an unrelated audit job, where extract failed,
        // the scheduler skipped the two downstream jobs and recorded the manifest as FAILED
        HttpResponse<String> submitted = api.post("/api/v1/manifests", """
                {"name": "retry-me", "jobs": [{"key": "extract", "type": "load"},
                  {"key": "transform", "type": "load", "dependsOn": ["extract"]},
                  {"key": "publish", "type": "load", "dependsOn": ["transform"]},
                  {"key": "audit", "type": "load"}]}
                """, Map.of());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        JsonNode manifest = api.json(submitted);
        UUID manifestId = UUID.fromString(manifest.get("id").asString());
        Map<String, UUID> ids = new HashMap<>();
        manifest.get("jobs").forEach(job -> ids.put(job.get("key").asString(),
                UUID.fromString(job.get("id").asString())));
        Job extract = testJobs.aFailedJob().withError("source missing").advance(ids.get("extract"));
        jobs.skip(ids.get("transform"), JobState.WAITING, "extract failed").orElseThrow();
        jobs.skip(ids.get("publish"), JobState.WAITING, "transform skipped").orElseThrow();
        testJobs.aSucceededJob().advance(ids.get("audit"));
        manifests.finish(manifestId, ManifestState.FAILED).orElseThrow();

        // WHEN the failed job is retried
        HttpResponse<String> response = retry(extract.id());

        // THEN it is submitted again, its skipped dependents wait again and the manifest runs again
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(jobs.find(extract.id()).orElseThrow().state()).isEqualTo(JobState.SUBMITTED);
        assertThat(jobs.find(ids.get("transform")).orElseThrow().state()).isEqualTo(JobState.WAITING);
        assertThat(jobs.find(ids.get("publish")).orElseThrow().state()).isEqualTo(JobState.WAITING);
        assertThat(jobs.find(ids.get("audit")).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(manifests.find(manifestId).orElseThrow().state()).isEqualTo(ManifestState.RUNNING);
        assertThat(api.json(api.get("/api/v1/manifests/" + manifestId, Map.of())).get("state").asString())
                .isEqualTo("RUNNING");
    }

    @Test
    void refuses_to_retry_a_job_that_succeeded_with_409() throws Exception {
        Job job = testJobs.aSucceededJob().ofType("load").insert();

        HttpResponse<String> response = retry(job.id());

        assertThat(response.statusCode()).isEqualTo(409);
        api.problem(response);
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void treats_another_tenants_job_as_missing() throws Exception {
        Job job = testJobs.aSubmittedJob().ofType("load").forTenant("someone-else").insert();

        assertThat(cancel(job.id()).statusCode()).isEqualTo(404);
        assertThat(retry(job.id()).statusCode()).isEqualTo(404);
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.SUBMITTED);
    }

    @Test
    void shows_parent_and_depth_of_a_follow_up_job() throws Exception {
        Job parent = testJobs.aSubmittedJob().ofType("load").insert();
        Job child = testJobs.aSubmittedJob().ofType("load").childOf(parent).insert();

        JsonNode view = api.json(api.get("/api/v1/jobs/" + child.id(), Map.of()));

        assertThat(view.get("parentId").asString()).isEqualTo(parent.id().toString());
        assertThat(view.get("depth").asInt()).isEqualTo(1);
        assertThat(view.get("cancelRequested").asBoolean()).isFalse();
    }

    @Test
    void cancel_racing_a_worker_claim_ends_cancelled_or_cancel_requested_never_in_an_error() throws Exception {
        // GIVEN queued jobs that a worker claims while the API cancels them
        List<UUID> queued = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            queued.add(testJobs.aQueuedJob().ofType("load").forTenant("race").insert().id());
        }
        Map<UUID, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (UUID id : queued) {
                pool.submit(() -> moves.claim(id, "worker-1", LEASE));
                pool.submit(() -> {
                    statuses.put(id, api.post("/api/v1/jobs/" + id + "/cancel", null,
                            Map.of("X-Conveyor-Tenant", "race")).statusCode());
                    return null;
                });
            }
        }

        // THEN every cancel was answered for the state it really left the job in
        for (UUID id : queued) {
            Job job = jobs.find(id).orElseThrow();
            if (statuses.get(id) == 200) {
                assertThat(job.state()).as(id.toString()).isEqualTo(JobState.CANCELLED);
            } else {
                assertThat(statuses.get(id)).as(id.toString()).isEqualTo(202);
                assertThat(job.state()).isEqualTo(JobState.RUNNING);
                assertThat(job.cancelRequested()).isTrue();
            }
        }
    }

    private HttpResponse<String> cancel(UUID id) throws Exception {
        return api.post("/api/v1/jobs/" + id + "/cancel", null, Map.of());
    }

    private HttpResponse<String> retry(UUID id) throws Exception {
        return api.post("/api/v1/jobs/" + id + "/retry", null, Map.of());
    }
}
