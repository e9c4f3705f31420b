package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./conveyor} killed without warning (SIGKILL) and started again on the same data directory: the
 * jobs, the API keys and the broker's topics and offsets are still there, and a job that was RUNNING when
 * it died is requeued once its lease expires and ends SUCCEEDED.
 */
class LauncherRestartIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Lease = three heartbeats = 3 s, swept every 250 ms: the dead run's job is requeued soon after the restart. */
    private static final Map<String, String> SHORT_LEASES = Map.of(
            "server.port", "0",
            "conveyor.security.enabled", "true",
            "conveyor.worker.heartbeat-interval", "1s",
            "conveyor.scheduler.sweep.interval", "250ms");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<LauncherProcess> started = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void stopLaunchers() throws Exception {
        for (LauncherProcess launcher : started) {
            launcher.close();
        }
        // a launcher killed without a successor leaves its PostgreSQL running
        EmbeddedPostgresServer.stopLeftOverServer(directory.resolve("data").resolve("postgres"));
    }

    @Test
    void jobs_and_keys_survive_a_hard_stop_and_the_running_job_succeeds_after_the_restart() throws Exception {
        Path data = directory.resolve("data");
        Path log = Files.createDirectories(FaultInjection.LOGS.resolve(getClass().getSimpleName()))
                .resolve("launcher.log");
        Files.deleteIfExists(log);

        // GIVEN a launcher with a key for a tenant, a few finished jobs and a long one RUNNING
        LauncherProcess first = start(data, log);
        String admin = Files.readString(data.resolve(AdminApiKey.FILE_NAME)).strip();
        JsonNode createdKey = send(first, "POST", "/api/v1/admin/api-keys",
                "{\"name\": \"restart-test\", \"tenant\": \"restarted\", \"roles\": [\"submit\", \"read\"]}", admin, 201);
        String key = createdKey.path("key").asString();
        List<String> quick = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            quick.add(submit(first, key, 0.1));
        }
        String sleeper = submit(first, key, 4);
        await("quick jobs done and the sleeper running").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> quick.stream().allMatch(id -> "SUCCEEDED".equals(state(first, key, id)))
                        && "RUNNING".equals(state(first, key, sleeper)));

        // WHEN it is killed mid-job and started again on the same data directory
        first.kill();
        LauncherProcess second = start(data, log);

        // THEN the key still works, the jobs are there, and the job that was running finishes
        assertThat(send(second, "GET", "/api/v1/admin/api-keys", null, admin, 200).valueStream()
                .map(listed -> listed.path("name").asString())).contains("restart-test");
        for (String id : quick) {
            assertThat(state(second, key, id)).as("quick job %s", id).isEqualTo("SUCCEEDED");
        }
        await("the job running at the hard stop ends SUCCEEDED").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> state(second, key, sleeper), "SUCCEEDED"::equals);
        List<String> moves = send(second, "GET", "/api/v1/jobs/" + sleeper + "/events", null, key, 200).valueStream()
                .map(event -> event.path("to").asString()).toList();
        assertThat(moves).as("history of %s", sleeper).containsSubsequence("RUNNING", "QUEUED", "RUNNING", "SUCCEEDED");
        // the broker kept its log: the jobs topic is still there, with its committed offsets
        assertThat(data.resolve("kafka").resolve("meta.properties")).exists();
    }

    private LauncherProcess start(Path data, Path log) {
        LauncherProcess launcher = LauncherProcess.start(data, log, SHORT_LEASES);
        started.add(launcher);
        return launcher;
    }

    private String submit(LauncherProcess launcher, String key, double seconds) {
        return send(launcher, "POST", "/api/v1/jobs", "{\"type\": \"sleep\", \"params\": {\"seconds\": " + seconds + "}}",
                key, 202).path("id").asString();
    }

    private String state(LauncherProcess launcher, String key, String id) {
        return send(launcher, "GET", "/api/v1/jobs/" + id, null, key, 200).path("state").asString();
    }

    private JsonNode send(LauncherProcess launcher, String method, String path, String body, String key, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + launcher.apiPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body())
                    .isEqualTo(expected);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
