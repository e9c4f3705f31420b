package dev.conveyor.launcher.monitoring;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus ({@code /usr/bin/prometheus}, Debian's {@code prometheus} package) on 127.0.0.1 and a free port,
 * scraping the given actuator endpoints every second and evaluating the given rule file, with its storage in a
 * temporary directory.
 */
final class PrometheusProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final String INSTALL = "apt-get install -y prometheus (Debian's package ships prometheus and promtool)";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final String base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusProcess(Process process, int port, Path log) {
        this.process = process;
        this.base = "http://127.0.0.1:" + port;
        this.log = log;
    }

    /** Fails loudly, with the command that installs it, when the binary is missing. */
    static void requireInstalled() {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(PROMTOOL)) {
            throw new IllegalStateException(BINARY + " or " + PROMTOOL + " is missing: " + INSTALL);
        }
    }

    /** @param targets scrape job name to {@code host:port} of the service's actuator */
    static PrometheusProcess start(Path directory, Map<String, String> targets, Path rules) throws IOException {
        requireInstalled();
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                """.formatted(rules.toAbsolutePath()));
        targets.forEach((job, target) -> config.append("""
                  - job_name: %s
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["%s"]
                """.formatted(job, target)));
        Path configFile = Files.writeString(directory.resolve("prometheus.yml"), config);
        int port = freePort();
        Path log = directory.resolve("prometheus.log");
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + Files.createDirectories(directory.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusProcess prometheus = new PrometheusProcess(process, port, log);
        await("Prometheus ready on port " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(prometheus::ready);
        return prometheus;
    }

    /** An instant query; the answer's {@code data.result}, or an exception naming Prometheus's error. */
    JsonNode query(String promql) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asString())) {
            throw new IllegalArgumentException("Prometheus rejected " + promql + ": " + answer.path("error").asString());
        }
        return answer.path("data").path("result");
    }

    JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + log());
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
