package dev.conveyor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a JVM of its own, started from the benchmark's own classpath as a deployment would
 * run it: the full JIT (no C1-only flag) so it is measured as it runs in production.
 */
final class WorkerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private WorkerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Launches the JVM; {@link #awaitReady} waits for its readiness probe. */
    static WorkerProcess launch(String name, Map<String, String> properties, Path logDirectory) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.conveyor.worker.WorkerApplication",
                "--server.port=" + port, "--management.server.port=0", "--spring.main.banner-mode=off"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = logDirectory.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new WorkerProcess(name, process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try (LeanHttpClient http = new LeanHttpClient("127.0.0.1", port, "default", null)) {
            while (System.currentTimeMillis() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (http.get("/readyz").status() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    http.close();
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " not ready after " + timeoutMillis + " ms; see " + log);
    }

    /** SIGTERM: the worker drains (nothing runs between modes) and exits. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
