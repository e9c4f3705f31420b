package dev.conveyor.frontend.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.frontend.FrontendApiTest;
import dev.conveyor.store.Job;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.store.TestJobs;
import dev.conveyor.testsupport.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class DeadLetterApiIT extends FrontendApiTest {

    private static final String TENANT = "dead-letters";
    private static final Map<String, String> HEADERS = Map.of("X-Conveyor-Tenant", TENANT);

    @Autowired
    JsonColumns jsonColumns;

    /** Moved one second per failure, so failure times are distinct and the order is unambiguous. */
    private final MutableClock clock = MutableClock.startingNow();
    private TestJobs testJobs;
    /** The failed jobs of the tenant in the order they failed. */
    private final List<Job> failed = new ArrayList<>();

    @BeforeAll
    void failSomeJobs() throws Exception {
        testJobs = new TestJobs(jdbc, jsonColumns, clock);
        for (String type : List.of("sql", "load", "sql", "sql", "load")) {
            int n = failed.size();
            failed.add(testJobs.aFailedJob().ofType(type).forTenant(TENANT).withParams(Map.of("n", n))
                    .withError("boom " + n).insert());
            clock.advance(Duration.ofSeconds(1));
        }
        // neither a running job, a succeeded one nor another tenant's failure is a dead letter here
        testJobs.aRunningJob().ofType("sql").forTenant(TENANT).insert();
        testJobs.aSucceededJob().ofType("sql").forTenant(TENANT).insert();
        testJobs.aFailedJob().ofType("sql").withError("boom ").insert();
    }

    @Test
    void lists_failed_jobs_newest_failure_first_with_their_details() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/dead-letters", HEADERS);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = api.json(response);
        assertThat(ids(page)).containsExactlyElementsOf(failed.reversed().stream().map(j -> j.id().toString()).toList());
        assertThat(page.get("nextCursor").isNull()).isTrue();
        JsonNode newest = page.get("items").get(0);
        for (String field : List.of("jobId", "type", "attempt", "error", "failedAt", "manifestId", "params")) {
            assertThat(newest.has(field)).as(field).isTrue();
        }
        assertThat(newest.get("type").asString()).isEqualTo("load");
        assertThat(newest.get("attempt").asInt()).isEqualTo(1);
        assertThat(newest.get("error").asString()).isEqualTo("boom 4");
        assertThat(newest.get("params").get("n").asInt()).isEqualTo(4);
        assertThat(Instant.parse(newest.get("failedAt").asString())).isEqualTo(failed.getLast().finishedAt());
    }

    @Test
    void filters_by_type_and_failure_time() throws Exception {
        JsonNode sql = api.json(api.get("/api/v1/dead-letters?type=sql", HEADERS));
        assertThat(ids(sql)).containsExactly(id(3), id(2), id(0));

        // since is inclusive, until exclusive: failures 1, 2 and 3
        String window = "since=" + failed.get(1).finishedAt() + "&until=" + failed.get(4).finishedAt();
        JsonNode between = api.json(api.get("/api/v1/dead-letters?" + window, HEADERS));
        assertThat(ids(between)).containsExactly(id(3), id(2), id(1));

        HttpResponse<String> backwards = api.get("/api/v1/dead-letters?since=" + failed.get(4).finishedAt()
                + "&until=" + failed.get(1).finishedAt(), HEADERS);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/dead-letters?since=yesterday", HEADERS).statusCode()).isEqualTo(400);
    }

    @Test
    void pages_through_dead_letters_with_a_cursor() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.json(api.get("/api/v1/dead-letters?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    HEADERS));
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(id(4), id(3), id(2), id(1), id(0));
    }

    @Test
    void drops_a_retried_job_from_the_list() throws Exception {
        Job job = testJobs.aFailedJob().ofType("sql").forTenant("dead-letters-retry").withError("boom ").insert();
        Map<String, String> tenant = Map.of("X-Conveyor-Tenant", "dead-letters-retry");
        assertThat(ids(api.json(api.get("/api/v1/dead-letters", tenant)))).containsExactly(job.id().toString());

        assertThat(api.post("/api/v1/jobs/" + job.id() + "/retry", null, tenant).statusCode()).isEqualTo(202);

        assertThat(ids(api.json(api.get("/api/v1/dead-letters", tenant)))).isEmpty();
    }

    private String id(int index) {
        return failed.get(index).id().toString();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("jobId").asString()));
        return ids;
    }
}
