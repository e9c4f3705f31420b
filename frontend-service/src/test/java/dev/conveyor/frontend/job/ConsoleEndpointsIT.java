package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the web console reads besides the public API: the live stream, counts by state and the session. */
class ConsoleEndpointsIT extends JobApiIntegrationTest {

    @Test
    void streams_the_state_changes_of_the_callers_tenant_only() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/jobs/stream"))
                .header("X-Conveyor-Tenant", "stream-a").header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
        try {
            assertThat(next(lines, line -> line.equals("event:ready"))).isNotNull();

            String other = submit("{\"type\": \"echo\"}", Map.of("X-Conveyor-Tenant", "stream-b"));
            String mine = submit("{\"type\": \"echo\"}", Map.of("X-Conveyor-Tenant", "stream-a"));

            List<String> seen = new ArrayList<>();
            String data = next(lines, line -> {
                seen.add(line);
                return line.startsWith("data:") && line.contains(mine);
            });
            JsonNode event = mapper.readTree(data.substring("data:".length()));
            assertThat(event.path("state").asString()).isEqualTo("SUBMITTED");
            assertThat(event.path("type").asString()).isEqualTo("echo");
            // the other tenant's job was stored first, so its change would have come before this one
            assertThat(seen).noneMatch(line -> line.contains(other));
        } finally {
            stream.cancel(true);
            response.body().close();
            reader.interrupt();
        }
    }

    @Test
    void counts_the_tenants_jobs_by_state() throws Exception {
        submit("{\"type\": \"echo\"}", Map.of("X-Conveyor-Tenant", "counted"));
        submit("{\"type\": \"echo\"}", Map.of("X-Conveyor-Tenant", "counted"));

        JsonNode counts = mapper.readTree(get("/api/v1/jobs/counts", Map.of("X-Conveyor-Tenant", "counted")).body());

        assertThat(counts.path("total").asLong()).isEqualTo(2);
        assertThat(counts.path("states").path("SUBMITTED").asLong()
                + counts.path("states").path("QUEUED").asLong()).isEqualTo(2);
        assertThat(counts.path("states").propertyNames()).contains("WAITING", "RUNNING", "SKIPPED");
    }

    @Test
    void tells_the_console_its_tenant_and_roles() throws Exception {
        JsonNode session = mapper.readTree(get("/api/v1/console/session", Map.of("X-Conveyor-Tenant", "acme"))
                .body());

        assertThat(session.path("tenant").asString()).isEqualTo("acme");
        assertThat(session.path("roles").valueStream().map(JsonNode::asString).toList())
                .contains("read", "operate", "submit");
    }

    @Test
    void lists_jobs_by_label_and_creation_time() throws Exception {
        Map<String, String> tenant = Map.of("X-Conveyor-Tenant", "labelled");
        String finance = submit("{\"type\": \"echo\", \"labels\": {\"team\": \"finance\"}}", tenant);
        submit("{\"type\": \"echo\", \"labels\": {\"team\": \"ops\"}}", tenant);
        submit("{\"type\": \"echo\"}", tenant);
        String createdAt = mapper.readTree(get("/api/v1/jobs/" + finance, tenant).body()).path("createdAt").asString();

        assertThat(ids("/api/v1/jobs?label=team%3Dfinance", tenant)).containsExactly(finance);
        assertThat(ids("/api/v1/jobs?label=team%3Dfinance&until=" + createdAt, tenant)).isEmpty();
        assertThat(ids("/api/v1/jobs?label=team%3Dfinance&since=" + createdAt, tenant)).containsExactly(finance);
        assertThat(ids("/api/v1/jobs?since=" + createdAt, tenant)).hasSize(3);
        HttpResponse<String> malformed = get("/api/v1/jobs?label=finance", tenant);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(assertProblem(malformed).path("errors").get(0).path("field").asString()).isEqualTo("label");
    }

    private List<String> ids(String path, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = get(path, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return mapper.readTree(response.body()).path("items").valueStream().map(job -> job.path("id").asString())
                .toList();
    }

    @Test
    void serves_the_console_page() throws Exception {
        HttpResponse<String> page = get("/ui/", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
        assertThat(get("/ui/vendor/dagre/dagre.esm.js", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/ui/js/app.js", Map.of()).headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
        assertThat(get("/ui", Map.of()).statusCode()).as("redirected to /ui/").isEqualTo(302);
    }

    private static String next(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("The stream did not send the expected line in time");
    }
}
