package dev.conveyor.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's PostgreSQL: its data lives in a directory of its own that survives restarts, with
 * the durability settings of a real server. The library's defaults are made for throw-away test
 * databases ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes} off), which would
 * lose committed jobs in a crash.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the server on {@code dataDirectory}, creating the cluster there on first use and reusing it after. */
    static EmbeddedPostgresServer start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            stopLeftOverServer(dataDirectory);
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * PostgreSQL runs as a process of its own. When the launcher was killed (SIGKILL, OOM killer) it
     * outlives it and still holds the data directory, so a new server would refuse to start on its lock
     * file. It is asked to stop first (SIGTERM, a smart shutdown: quick, as the dead launcher's connections
     * are gone) and killed if it does not. A stale pid file whose process is gone or is no PostgreSQL is left
     * to PostgreSQL, which ignores it.
     */
    static void stopLeftOverServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (RuntimeException unreadable) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false))
                .ifPresent(server -> stop(server, dataDirectory));
    }

    private static void stop(ProcessHandle server, Path dataDirectory) {
        log.warn("A PostgreSQL (pid {}) left by an earlier run still serves {}: stopping it", server.pid(),
                dataDirectory);
        server.destroy();
        try {
            server.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException slow) {
            server.destroyForcibly();
            server.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL " + server.pid(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not stop PostgreSQL " + server.pid(), e);
        }
    }

    Map<String, Object> connectionProperties() {
        return Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
