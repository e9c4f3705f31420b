package dev.conveyor.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./conveyor} as a user runs it: the launcher in a JVM of its own on embedded PostgreSQL and Kafka,
 * keeping its data in {@code dataDirectory}, so a test can kill it (SIGKILL) and start it again on the same
 * data. Ready once it logs that it is running, naming the API's port.
 */
final class LauncherProcess implements AutoCloseable {

    private static final Pattern API_PORT = Pattern.compile("msg=\"Conveyor is running\" api=http://localhost:(\\d+)/api/v1");

    private final Process process;
    private final Path log;
    private final int apiPort;

    private LauncherProcess(Process process, Path log, int apiPort) {
        this.process = process;
        this.log = log;
        this.apiPort = apiPort;
    }

    /** Starts the launcher with {@code arguments} (passed to every service) and waits for its welcome. */
    static LauncherProcess start(Path dataDirectory, Path log, Map<String, String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ConveyorLauncher.class.getName(),
                "--spring.main.banner-mode=off"));
        arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the embedded defaults, whatever the machine running the test has set
        builder.environment().keySet().removeIf(name -> name.startsWith("CONVEYOR_"));
        builder.environment().put("CONVEYOR_DATA_DIR", dataDirectory.toString());
        try {
            int logStart = Files.exists(log) ? Files.readString(log).length() : 0;
            Process process = builder.start();
            int port = await("launcher welcome (log: " + log + ")")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> apiPort(process, log, logStart), Optional::isPresent)
                    .orElseThrow();
            return new LauncherProcess(process, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int apiPort() {
        return apiPort;
    }

    /** SIGKILL: no shutdown hook runs; the broker's log and PostgreSQL's WAL are left as a crash leaves them. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    /** SIGTERM: the shutdown hook stops the services, the broker and PostgreSQL. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            kill();
        }
    }

    private static Optional<Integer> apiPort(Process process, Path log, int from) throws IOException {
        String written = Files.readString(log);
        Matcher welcome = API_PORT.matcher(written.substring(Math.min(from, written.length())));
        if (welcome.find()) {
            return Optional.of(Integer.parseInt(welcome.group(1)));
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("The launcher exited with " + process.exitValue() + "; see " + log);
        }
        return Optional.empty();
    }
}
