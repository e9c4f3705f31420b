package dev.conveyor.scheduler.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.store.JobMoves;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.store.ManifestStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.NewManifest;
import dev.conveyor.store.WebhookOutbox;
import dev.conveyor.store.WebhookSecrets;
import dev.conveyor.testsupport.MutableClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Completion webhooks end to end below the API: subscribed jobs and a manifest reach their final states through the
 * store's real moves, the database writes the outbox rows, and the sender delivers them to a receiver on 127.0.0.1
 * that refuses its first three requests. Deliveries run on demand with the clock moved past each backoff.
 */
class WebhookDeliveryIT extends SchedulerIntegrationTest {

    private static final List<String> ALL = List.of("succeeded", "failed", "cancelled");

    @Autowired
    WebhookSender sender;
    @Autowired
    WebhookOutbox outbox;
    @Autowired
    WebhookSecrets secrets;
    @Autowired
    JobStore jobs;
    @Autowired
    ManifestStore manifests;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonColumns json;
    @Autowired
    JsonMapper mapper;
    @Autowired
    MutableClock clock;
    @Autowired
    PlatformTransactionManager transactionManager;

    private record Received(String eventId, String signature, String body, int status) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = requests.incrementAndGet() <= 3 ? 503 : 204;
            received.add(new Received(exchange.getRequestHeaders().getFirst("Conveyor-Event-Id"),
                    exchange.getRequestHeaders().getFirst("Conveyor-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void every_event_arrives_exactly_once_after_the_receiver_refused_its_first_three_attempts() {
        // GIVEN subscribed jobs that succeed, fail and are cancelled, one that only wants failures, and a manifest
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        JobMoves moves = new JobMoves(jdbc, json, clock);
        UUID succeeded = subscribedJob(url, ALL, Map.of("secret", "never sent"));
        UUID failed = subscribedJob(url, ALL, Map.of());
        UUID cancelled = subscribedJob(url, ALL, Map.of());
        UUID unwanted = subscribedJob(url, List.of("failed"), Map.of());
        runAndFinish(moves, succeeded, true);
        runAndFinish(moves, failed, false);
        runAndFinish(moves, unwanted, true);
        jobs.cancel(cancelled, JobState.SUBMITTED, "not needed");
        UUID manifestId = TimeOrderedIds.next();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            manifests.insert(new NewManifest(manifestId, "default", "nightly", Map.of(), null, null,
                    List.of(NewJob.of("noop", Map.of()).inManifest(manifestId, "only", 0)), Map.of()));
            outbox.subscribeManifest(manifestId, url, ALL);
        });
        manifests.finish(manifestId, ManifestState.SUCCEEDED);

        // WHEN the sender runs, the clock moving past each backoff, until nothing is pending
        for (int round = 0; round < 10 && pending() > 0; round++) {
            sender.deliverDue();
            clock.advance(Duration.ofMinutes(5));
        }

        // THEN four events, each delivered once, after three refused attempts
        assertThat(received.stream().filter(r -> r.status() != 204))
                .as("deliveries: %s", jdbc.sql("SELECT event, state, attempts, last_error FROM conveyor.webhook_delivery")
                        .query().listOfRows())
                .hasSize(3);
        Map<String, List<Received>> delivered = received.stream().filter(r -> r.status() == 204)
                .collect(Collectors.groupingBy(Received::eventId));
        assertThat(delivered).hasSize(4).allSatisfy((id, copies) -> assertThat(copies).hasSize(1));
        Map<String, JsonNode> events = delivered.values().stream().map(copies -> mapper.readTree(copies.getFirst().body()))
                .collect(Collectors.toMap(event -> event.get("event").asString() + ":" + id(event), event -> event));
        assertThat(events).containsOnlyKeys("job.succeeded:" + succeeded, "job.failed:" + failed,
                "job.cancelled:" + cancelled, "manifest.succeeded:" + manifestId);
        assertThat(events.get("job.succeeded:" + succeeded).get("result").get("rowCount").asInt()).isEqualTo(7);
        assertThat(events.get("job.failed:" + failed).get("error").asString()).isEqualTo("broken");
        assertThat(received).allSatisfy(request -> assertThat(request.body()).doesNotContain("never sent", "params"));

        // and each signature verifies with the tenant's secret
        String secret = secrets.secretFor("default");
        assertThat(received).allSatisfy(request -> {
            String timestamp = request.signature().substring(2, request.signature().indexOf(','));
            assertThat(request.signature()).isEqualTo("t=" + timestamp + ",v1="
                    + WebhookSignature.hmac(secret, timestamp + "." + request.body()));
        });
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.webhook_delivery WHERE state = 'DELIVERED'")
                .query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void a_receiver_that_keeps_failing_is_given_up_on_after_a_day() {
        UUID job = subscribedJob("http://127.0.0.1:9/nothing-listens", ALL, Map.of());
        jobs.cancel(job, JobState.SUBMITTED, "not needed");

        for (int round = 0; round < 40 && pending() > 0; round++) {
            sender.deliverDue();
            clock.advance(Duration.ofHours(1).plusMinutes(1));
        }

        Map<String, Object> delivery = jdbc.sql("SELECT * FROM conveyor.webhook_delivery WHERE job_id = :id")
                .param("id", job).query().singleRow();
        assertThat(delivery).containsEntry("state", "FAILED");
        assertThat((Integer) delivery.get("attempts")).isBetween(20, 30);
    }

    private UUID subscribedJob(String url, List<String> events, Map<String, Object> params) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            UUID id = jobs.insert(NewJob.of("noop", params)).id();
            outbox.subscribeJob(id, url, events);
            return id;
        });
    }

    private void runAndFinish(JobMoves moves, UUID id, boolean succeed) {
        moves.queue(id, JobState.SUBMITTED).orElseThrow();
        moves.claim(id, "worker-1", Duration.ofMinutes(1)).orElseThrow();
        if (succeed) {
            moves.succeed(id, "worker-1", 1, Map.of("rowCount", 7, "rows", List.of(Map.of("a", 1))));
        } else {
            moves.fail(id, "worker-1", 1, "broken");
        }
    }

    private long pending() {
        return jdbc.sql("SELECT count(*) FROM conveyor.webhook_delivery WHERE state = 'PENDING'").query(Long.class)
                .single();
    }

    private static String id(JsonNode event) {
        return event.has("jobId") ? event.get("jobId").asString() : event.get("manifestId").asString();
    }
}
