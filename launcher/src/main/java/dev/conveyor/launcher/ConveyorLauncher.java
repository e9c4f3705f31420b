package dev.conveyor.launcher;

import dev.conveyor.launcher.ConveyorSystem.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole of Conveyor on one machine with nothing but a JDK: an embedded PostgreSQL unless
 * {@code CONVEYOR_DB_URL} names a real one, an embedded Kafka broker unless
 * {@code CONVEYOR_KAFKA_BOOTSTRAP} names a real one, DuckDB as the warehouse, and the three services.
 */
public final class ConveyorLauncher {

    private static final Logger log = LoggerFactory.getLogger(ConveyorLauncher.class);
    private ConveyorLauncher() {
    }

    public static void main(String[] args) throws Exception {
        LauncherLogging.start(args);
        List<AutoCloseable> resources = new ArrayList<>();
        Map<String, Object> shared = new HashMap<>();
        if (isBlank(System.getenv("CONVEYOR_DB_URL"))) {
            Path postgresData = dataDirectory().resolve("postgres");
            log.info("CONVEYOR_DB_URL is not set: starting an embedded PostgreSQL in {}", postgresData);
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(postgresData);
            resources.add(postgres);
            shared.putAll(postgres.connectionProperties());
        }
        if (isBlank(System.getenv("CONVEYOR_KAFKA_BOOTSTRAP"))) {
            Path kafkaData = dataDirectory().resolve("kafka");
            log.info("CONVEYOR_KAFKA_BOOTSTRAP is not set: starting an embedded Kafka broker in {}", kafkaData);
            EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(kafkaData, 12);
            resources.add(kafka);
            shared.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            shared.put("spring.cloud.stream.kafka.binder.brokers", kafka.bootstrapServers());
        }
        AdminApiKey admin = AdminApiKey.resolve(System.getenv("CONVEYOR_ADMIN_API_KEY"), dataDirectory());
        shared.put("conveyor.security.admin-api-key", admin.key());
        // command-line arguments (--conveyor.worker.concurrency=4) reach every service
        ConveyorSystem system = ConveyorSystem.start(shared, Map.of(), args);
        resources.add(system);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeInReverse(resources);
            stopped.countDown();
        }, "conveyor-shutdown"));
        printWelcome(system, String.valueOf(shared.getOrDefault("spring.kafka.bootstrap-servers",
                System.getenv("CONVEYOR_KAFKA_BOOTSTRAP"))), admin);
        stopped.await();
    }

    /**
     * How to use it, then one line (the last of the start-up) saying where everything is, as a log line so it can be
     * searched for like any other.
     */
    private static void printWelcome(ConveyorSystem system, String kafka, AdminApiKey admin) {
        int api = system.port(Service.FRONTEND);
        // the key itself is shown only on the start that created it; later starts read it from its file
        String keyLine = admin.generated()
                ? "Admin API key " + admin.key() + " (generated now, kept in " + admin.file() + ")"
                : admin.file() == null ? "Admin API key from CONVEYOR_ADMIN_API_KEY"
                : "Admin API key in " + admin.file();
        String keyExpression = admin.file() == null ? "$CONVEYOR_ADMIN_API_KEY" : "$(cat " + admin.file() + ")";
        System.out.printf("""

                %2$s
                Swagger UI http://localhost:%1$d/swagger-ui.html (Authorize with the key); try:
                  curl -i -X POST localhost:%1$d/api/v1/jobs -H "Authorization: Bearer %3$s" \\
                       -H 'Content-Type: application/json' -d '{"type":"sql","params":{"sql":"select 42"}}'
                Press Ctrl+C to stop.
                """, api, keyLine, keyExpression);
        log.atInfo().setMessage("Conveyor is running")
                .addKeyValue("api", "http://localhost:" + api + "/api/v1")
                .addKeyValue("management", "frontend:" + managementPort(system, Service.FRONTEND)
                        + ",scheduler:" + managementPort(system, Service.SCHEDULER)
                        + ",worker:" + managementPort(system, Service.WORKER))
                .addKeyValue("data", dataDirectory())
                .addKeyValue("broker", kafka)
                .log();
    }

    private static int managementPort(ConveyorSystem system, Service service) {
        return system.context(service).getEnvironment().getProperty("local.management.port", Integer.class,
                system.port(service));
    }

    private static void closeInReverse(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }

    /**
     * Where a local run keeps what must survive a restart (the embedded PostgreSQL's data, the embedded
     * broker's log, the admin API key): {@code CONVEYOR_DATA_DIR}, or {@code ./data}, where DuckDB's files
     * are by default too.
     */
    private static Path dataDirectory() {
        String configured = System.getenv("CONVEYOR_DATA_DIR");
        return Path.of(isBlank(configured) ? "data" : configured).toAbsolutePath().normalize();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
