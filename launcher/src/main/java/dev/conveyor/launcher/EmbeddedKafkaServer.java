package dev.conveyor.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) inside this JVM, built from Kafka's own
 * server classes as {@code kafka-server-start.sh} would run it. The launcher keeps its log in the data
 * directory, so topics and the consumer groups' committed offsets survive a restart, even after a hard
 * stop; the benchmark uses a temporary directory that goes when it stops. Used by the launcher when no
 * {@code CONVEYOR_KAFKA_BOOTSTRAP} is given.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";

    /** Written by formatting: a log directory that has it belongs to a cluster already. */
    private static final String META_PROPERTIES = "meta.properties";

    private final KafkaRaftServer server;
    private final Path directory;
    private final int port;
    private final boolean temporary;

    private EmbeddedKafkaServer(KafkaRaftServer server, Path directory, int port, boolean temporary) {
        this.server = server;
        this.directory = directory;
        this.port = port;
        this.temporary = temporary;
    }

    /** Starts a broker on a new temporary log directory, deleted when it stops; returns once it serves clients. */
    public static EmbeddedKafkaServer start(int partitions) {
        Path directory = temporaryDirectory();
        try {
            return start(directory, partitions, true);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    /**
     * Starts a broker whose log lives in {@code directory}: formatted on first use, reused as it is after
     * (same cluster id, topics, offsets), also after a hard stop, when Kafka recovers the log's tail. The
     * ports are chosen anew on every start: clients learn them from {@link #bootstrapServers()}, and the
     * single controller is the only voter, so its address is not part of the kept metadata.
     */
    public static EmbeddedKafkaServer start(Path directory, int partitions) {
        return start(directory, partitions, false);
    }

    private static EmbeddedKafkaServer start(Path directory, int partitions, boolean temporary) {
        int port = freePort();
        int controllerPort = freePort();
        Properties properties = properties(directory, port, controllerPort, partitions);
        if (!Files.exists(directory.resolve(META_PROPERTIES))) {
            format(directory);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        // returns once the controller has elected itself and the broker is unfenced
        server.startup();
        return new EmbeddedKafkaServer(server, directory, port, temporary);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            delete(directory);
        }
    }

    private static Properties properties(Path directory, int port, int controllerPort, int partitions) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", CONTROLLER);
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", CONTROLLER + ":PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.put("log.dirs", directory.toString());
        properties.put("num.partitions", String.valueOf(partitions));
        properties.put("auto.create.topics.enable", "true");
        // one broker: every internal topic has one replica
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "4");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // after a hard stop the kept metadata still holds the dead broker's registration, and the restarted
        // broker may register only once that session has expired (9 s by default); in one JVM there is no
        // network between the two, so a short session is safe
        properties.put("broker.heartbeat.interval.ms", "1000");
        properties.put("broker.session.timeout.ms", "3000");
        // the log cleaner's buffer is 128 MiB by default, a lot of heap for a local broker
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        return properties;
    }

    /** What {@code kafka-storage.sh format} does: a new cluster id and the bootstrap metadata in the log directory. */
    private static void format(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Kafka log directory " + directory, e);
        }
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(directory.toString()))
                    .setMetadataLogDirectory(directory.toString())
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + directory, e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("conveyor-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
