package dev.conveyor.launcher.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.launcher.ConveyorSystem;
import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.TestPostgres;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One job, one trace: the POST's span in the frontend, the dispatch span in the scheduler and the run span (with
 * the warehouse work under it) in the worker share the trace id stored on the job and returned by the API, although
 * every stage handles jobs in batches. The spans come from the services' own OpenTelemetry SDKs through an
 * in-memory exporter; and a line the worker logs while it runs the job, in the default logfmt, names the job and
 * that trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class TracingIT {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KafkaBrokerProcess kafka;
    private ConveyorSystem system;
    private String api;

    @BeforeAll
    void startSystem() {
        kafka = KafkaBrokerProcess.start();
        TestPostgres.Database store = TestPostgres.newDatabase();
        TestPostgres.Database warehouse = TestPostgres.newDatabase();
        Map<String, Object> shared = new HashMap<>();
        shared.put("spring.datasource.url", store.jdbcUrl());
        shared.put("spring.datasource.username", store.username());
        shared.put("spring.datasource.password", store.password());
        shared.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        shared.put("spring.cloud.stream.kafka.binder.brokers", kafka.bootstrapServers());
        shared.put("server.port", "0");
        shared.put("management.server.port", "0");
        shared.put("conveyor.security.enabled", "false");
        system = ConveyorSystem.start(shared, Map.of(Service.WORKER, Map.of(
                        "conveyor.warehouse.url", warehouse.jdbcUrl(),
                        "conveyor.warehouse.username", warehouse.username(),
                        "conveyor.warehouse.password", warehouse.password())),
                // read before the context starts, so the exporter is in place for the first span
                "--spring.main.sources=" + InMemorySpans.class.getName(),
                "--management.opentelemetry.tracing.export.schedule-delay=50ms");
        api = "http://localhost:" + system.port(Service.FRONTEND) + "/api/v1/jobs";
    }

    @AfterAll
    void stopSystem() {
        try {
            if (system != null) {
                system.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void the_spans_of_one_job_in_all_three_services_share_the_trace_stored_on_the_job() throws Exception {
        String id = submit("{\"type\":\"sql\",\"params\":{\"sql\":\"select 42 as answer\"}}");
        JsonNode job = awaitState(id, "SUCCEEDED");
        String traceId = job.path("traceId").asString();
        assertThat(traceId).as("traceId of %s", job).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

        await("spans of the frontend, scheduler and worker in trace " + traceId).atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(servicesOf(spansOf(traceId)))
                        .contains("conveyor-frontend", "conveyor-scheduler", "conveyor-worker"));

        List<SpanData> trace = spansOf(traceId);
        SpanData dispatch = named(trace, "conveyor.dispatch");
        SpanData run = named(trace, "conveyor.job.run");
        SpanData work = named(trace, "conveyor.warehouse");
        assertThat(service(dispatch)).isEqualTo("conveyor-scheduler");
        assertThat(service(run)).isEqualTo("conveyor-worker");
        assertThat(work.getParentSpanId()).as("the warehouse work runs under the run span").isEqualTo(run.getSpanId());
        assertThat(trace).filteredOn(span -> service(span).equals("conveyor-frontend"))
                .as("the POST's server span").extracting(SpanData::getName).anyMatch(name -> name.contains("post"));
        assertThat(trace).filteredOn(span -> service(span).equals("conveyor-frontend"))
                .as("no span per security filter: they cost a request CPU and say only that a filter ran")
                .extracting(SpanData::getName).noneMatch(name -> name.contains("security") || name.contains("secured"));
        assertThat(List.of(dispatch, run)).allSatisfy(span -> assertThat(span.getAttributes()
                .get(AttributeKey.stringKey("conveyor.job.id"))).isEqualTo(id));
    }

    @Test
    void a_line_the_worker_logs_while_running_a_job_names_the_job_and_its_trace(CapturedOutput output)
            throws Exception {
        String id = submit("{\"type\":\"sql\",\"maxAttempts\":1,\"params\":{\"sql\":\"select * from no_such_table\"}}");
        String traceId = awaitState(id, "FAILED").path("traceId").asString();

        await("the worker's line about the failed attempt").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(output.getOut().lines()
                        .filter(line -> line.contains("msg=\"Job " + id + " (sql) attempt 1 failed\"")))
                        .singleElement().asString()
                        .contains(" job_id=" + id, " tenant=default", " type=sql", " attempt=1",
                                " trace_id=" + traceId));
    }

    private String submit(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private JsonNode awaitState(String id, String state) {
        JsonNode[] job = new JsonNode[1];
        await("job " + id + " " + state).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/" + id))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    job[0] = JSON.readTree(response.body());
                    assertThat(job[0].path("state").asString()).isEqualTo(state);
                });
        return job[0];
    }

    private static List<SpanData> spansOf(String traceId) {
        return InMemorySpans.EXPORTER.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static Set<String> servicesOf(List<SpanData> spans) {
        return spans.stream().map(TracingIT::service).collect(Collectors.toSet());
    }

    private static String service(SpanData span) {
        return span.getResource().getAttribute(SERVICE_NAME);
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " among " + spans.stream()
                        .map(span -> service(span) + ":" + span.getName()).toList()));
    }
}
