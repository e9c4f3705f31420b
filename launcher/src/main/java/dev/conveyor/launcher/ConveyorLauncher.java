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
            log.info("CONVEYOR_KAFKA_BOOTSTRAP is not set: starting an embedded Kafka broker");
            EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(12);
            resources.add(kafka);
            shared.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            shared.put("spring.cloud.stream.kafka.binder.brokers", kafka.bootstrapServers());
        }
        // command-line arguments (--conveyor.worker.concurrency=4) reach every service
        ConveyorSystem system = ConveyorSystem.start(shared, Map.of(), args);
        resources.add(system);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeInReverse(resources);
            stopped.countDown();
        }, "conveyor-shutdown"));
        printWelcome(system, String.valueOf(shared.getOrDefault("spring.kafka.bootstrap-servers",
                System.getenv("CONVEYOR_KAFKA_BOOTSTRAP"))));
        stopped.await();
    }

    private static void printWelcome(ConveyorSystem system, String kafka) {
        int api = system.port(Service.FRONTEND);
        System.out.printf("""

                Conveyor is running.
                  API           http://localhost:%1$d/api/v1/jobs
                  Swagger UI    http://localhost:%1$d/swagger-ui.html
                  OpenAPI       http://localhost:%1$d/v3/api-docs
                  Metrics       http://localhost:%1$d/actuator/prometheus (frontend)
                                http://localhost:%2$d/actuator/prometheus (scheduler)
                                http://localhost:%3$d/actuator/prometheus (worker)
                  Kafka         %4$s
                Try:
                  curl -i -X POST localhost:%1$d/api/v1/jobs -H 'Content-Type: application/json' \\
                       -d '{"type":"sql","params":{"sql":"select 42"}}'
                Press Ctrl+C to stop.

                """, api, system.port(Service.SCHEDULER), system.port(Service.WORKER), kafka);
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

    /** Where a local run keeps its data between starts: {@code CONVEYOR_DATA_DIR}, or {@code ./data}. */
    private static Path dataDirectory() {
        String configured = System.getenv("CONVEYOR_DATA_DIR");
        return Path.of(isBlank(configured) ? "data" : configured).toAbsolutePath().normalize();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
