package dev.conveyor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A single-node KRaft Kafka broker in its own JVM, for tests that stop a broker and start it again
 * (or kill it). It keeps its port and log directory across restarts, so clients reconnect to the
 * same address and find their topics and offsets as a real restart would leave them.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBrokerProcess(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a new log directory and starts the broker; returns once it accepts connections. */
    public static KafkaBrokerProcess start() {
        try {
            Path directory = Files.createTempDirectory("conveyor-kafka-");
            KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, freePort(), freePort());
            broker.writeConfiguration();
            broker.format();
            broker.restart();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again after {@link #stop()} or {@link #kill()}. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        process = java("kafka.Kafka", directory.resolve("server.properties").toString())
                .redirectOutput(directory.resolve("broker.log").toFile())
                .redirectErrorStream(true)
                .start();
        awaitPort(true);
    }

    /** A clean shutdown (SIGTERM), as an operator's restart would do. */
    public synchronized void stop() {
        end(false);
    }

    /** SIGKILL: the broker dies without a word. */
    public synchronized void kill() {
        end(true);
    }

    @Override
    public void close() {
        kill();
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitPort(false);
    }

    private void writeConfiguration() throws IOException {
        Files.writeString(directory.resolve("server.properties"), String.join("\n", List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=12",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0")) + "\n");
    }

    private void format() {
        try {
            Process idTool = java("kafka.tools.StorageTool", "random-uuid").start();
            String clusterId = new String(idTool.getInputStream().readAllBytes()).trim();
            idTool.waitFor(60, TimeUnit.SECONDS);
            Process formatTool = java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                    directory.resolve("server.properties").toString())
                    .redirectOutput(directory.resolve("format.log").toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!formatTool.waitFor(60, TimeUnit.SECONDS) || formatTool.exitValue() != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory failed; see "
                        + directory.resolve("format.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Launch java(String mainClass, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new Launch(new ProcessBuilder(command));
    }

    /** A ProcessBuilder whose start() does not throw checked exceptions. */
    private record Launch(ProcessBuilder builder) {
        Launch redirectOutput(java.io.File file) {
            builder.redirectOutput(file);
            return this;
        }

        Launch redirectErrorStream(boolean redirect) {
            builder.redirectErrorStream(redirect);
            return this;
        }

        Process start() {
            try {
                return builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void awaitPort(boolean open) {
        Awaitility.await("Kafka port " + port + (open ? " open" : " closed"))
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (open && !process.isAlive()) {
                        throw new IllegalStateException("The Kafka broker exited; see " + directory.resolve("broker.log"));
                    }
                    return isOpen() == open;
                });
    }

    private boolean isOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
