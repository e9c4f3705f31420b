package dev.conveyor.launcher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.launcher.ConveyorSystem;
import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboards and alerts of {@code deploy/} against a real Prometheus scraping a running Conveyor under a mixed
 * load (successes, a retry, failures for good, a manifest, bad requests): every panel's every query returns a series,
 * the rules pass promtool, and every rule evaluates without error on the live data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringIT {

    private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    private static final Path DASHBOARDS = DEPLOY.resolve("grafana/dashboards");
    private static final Path RULES = DEPLOY.resolve("prometheus/rules");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KafkaBrokerProcess kafka;
    private ConveyorSystem system;
    private PrometheusProcess prometheus;
    private String api;

    @BeforeAll
    void startSystemAndPrometheus(@TempDir Path directory) throws Exception {
        PrometheusProcess.requireInstalled();
        kafka = KafkaBrokerProcess.start();
        TestPostgres.Database database = TestPostgres.newDatabase();
        TestPostgres.Database warehouse = TestPostgres.newDatabase();
        Map<String, Object> shared = new HashMap<>();
        shared.put("spring.datasource.url", database.jdbcUrl());
        shared.put("spring.datasource.username", database.username());
        shared.put("spring.datasource.password", database.password());
        shared.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        shared.put("spring.cloud.stream.kafka.binder.brokers", kafka.bootstrapServers());
        shared.put("server.port", "0");
        // actuator on a port of its own, as deployed; local.management.port names it
        shared.put("management.server.port", "0");
        shared.put("conveyor.scheduler.sweep.interval", "200ms");
        shared.put("conveyor.scheduler.metrics.state-refresh-interval", "1s");
        shared.put("conveyor.worker.retry.initial-backoff", "100ms");
        system = ConveyorSystem.start(shared, Map.of(Service.WORKER, Map.of(
                "conveyor.warehouse.url", warehouse.jdbcUrl(),
                "conveyor.warehouse.username", warehouse.username(),
                "conveyor.warehouse.password", warehouse.password(),
                "conveyor.worker.id", "worker-monitoring")));
        api = "http://127.0.0.1:" + system.port(Service.FRONTEND);

        Map<String, String> targets = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            targets.put("conveyor-" + service.name().toLowerCase(), "127.0.0.1:" + actuatorPort(service));
        }
        prometheus = PrometheusProcess.start(directory, targets, RULES.resolve("conveyor.yml"));
    }

    @AfterAll
    void stopAll() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (system != null) {
            system.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void every_panel_and_rule_works_against_a_running_conveyor() throws Exception {
        // GIVEN a mixed load: successes, a job that fails once then for good, one that fails for good at once,
        // a manifest of two jobs, and requests the API refuses
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(submit("noop", "{}", ""));
            jobs.add(submit("sql", "{\"sql\": \"SELECT " + i + " AS n\"}", ""));
        }
        String flaky = submit("sql", """
                {"sql": "DO $$ BEGIN RAISE EXCEPTION 'not yet' USING ERRCODE = 'serialization_failure'; END $$"}""",
                ", \"maxAttempts\": 2");
        String broken = submit("sql", "{\"sql\": \"SELEC nothing\"}", ", \"maxAttempts\": 1");
        jobs.add(flaky);
        jobs.add(broken);
        HttpResponse<String> manifest = post("/api/v1/manifests", """
                {"name": "monitoring", "jobs": [
                  {"key": "first", "type": "noop", "params": {}},
                  {"key": "second", "type": "noop", "params": {}, "dependsOn": ["first"]}]}""");
        assertThat(manifest.statusCode()).as("manifest answered %s", manifest.body()).isEqualTo(202);
        assertThat(post("/api/v1/jobs", "{\"type\": \"no-such-type\", \"params\": {}}").statusCode()).isEqualTo(422);

        // WHEN every job has ended and Prometheus has scraped the counts of that
        await("every job ended").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> jobs.stream().allMatch(id -> List.of("SUCCEEDED", "FAILED").contains(state(id))));
        assertThat(state(flaky)).isEqualTo("FAILED");
        assertThat(state(broken)).isEqualTo("FAILED");
        await("Prometheus has the load").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(value("sum(conveyor_jobs_finished_total{outcome=\"failed\"})")).isEqualTo(2);
                    assertThat(value("sum(conveyor_jobs_finished_total{outcome=\"succeeded\"})")).isGreaterThanOrEqualTo(12);
                    assertThat(value("sum(conveyor_jobs_retries_total)")).isEqualTo(1);
                    assertThat(value("sum(conveyor_manifests_finished_total{outcome=\"succeeded\"})")).isEqualTo(1);
                    assertThat(value("count(conveyor_topic_lag)")).isPositive();
                    assertThat(value("sum(conveyor_jobs_run_time_seconds_count)")).isGreaterThanOrEqualTo(15);
                });

        // THEN every query of every panel returns at least one series (a rate needs two scrapes of a series
        // inside its window, so a series that appeared with the last jobs may take a few more scrapes)
        List<DashboardQueries.Query> queries = DashboardQueries.in(DASHBOARDS);
        assertThat(queries).hasSizeGreaterThan(30);
        await("every panel has data").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<String> empty = new ArrayList<>();
                    for (DashboardQueries.Query query : queries) {
                        if (prometheus.query(query.expr()).isEmpty()) {
                            empty.add(query.toString());
                        }
                    }
                    assertThat(empty).as("panels without data").isEmpty();
                });

        // AND promtool accepts the rules and their unit tests pass
        assertThat(promtool("check", "rules", "conveyor.yml")).isEqualTo(0);
        assertThat(promtool("test", "rules", "tests/conveyor_test.yml")).isEqualTo(0);

        // AND each rule's expression runs on the live data, and Prometheus evaluates every rule without error
        for (String expr : ruleExpressions()) {
            prometheus.query(expr);
        }
        await("every rule evaluated").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> unhealthy = new ArrayList<>();
            int rules = 0;
            for (JsonNode group : prometheus.get("/api/v1/rules").path("data").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules++;
                    if (!"ok".equals(rule.path("health").asString())) {
                        unhealthy.add(rule.path("name").asString() + ": " + rule.path("health").asString() + " "
                                + rule.path("lastError").asString());
                    }
                }
            }
            assertThat(rules).isEqualTo(ruleExpressions().size());
            assertThat(unhealthy).isEmpty();
        });
    }

    private List<String> ruleExpressions() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES.resolve("conveyor.yml")));
        List<String> exprs = new ArrayList<>();
        for (Object group : (List<?>) file.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                exprs.add(String.valueOf(((Map<?, ?>) rule).get("expr")));
            }
        }
        return exprs;
    }

    private int promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PrometheusProcess.PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
        return process.exitValue();
    }

    private double value(String promql) {
        JsonNode result = prometheus.query(promql);
        return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asString());
    }

    private int actuatorPort(Service service) {
        Environment environment = system.context(service).getEnvironment();
        String management = environment.getProperty("local.management.port");
        return Integer.parseInt(management != null ? management : environment.getRequiredProperty("local.server.port"));
    }

    private String submit(String type, String params, String options) throws Exception {
        HttpResponse<String> response = post("/api/v1/jobs",
                "{\"type\": \"" + type + "\", \"params\": " + params + options + "}");
        assertThat(response.statusCode()).as("POST %s answered %s", type, response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private String state(String id) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/jobs/" + id))
                    .header("X-Conveyor-Tenant", "default").GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("state").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Content-Type", "application/json")
                .header("X-Conveyor-Tenant", "default")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
