package dev.conveyor.bench;

import dev.conveyor.launcher.ConveyorSystem;
import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.launcher.EmbeddedKafkaServer;
import dev.conveyor.worker.consume.JobIntake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Conveyor as the launcher runs it: frontend and scheduler in this JVM, on the given PostgreSQL and
 * an embedded (or given) Kafka, with workers that come and go between modes, either one inside this
 * JVM or several as processes of their own. Only the service defaults apply; the benchmark sets
 * nothing but addresses, ports, worker ids and one warehouse file per worker (DuckDB files admit
 * one process).
 *
 * <p>The worker inside this JVM is started once and between modes only stops consuming (its intake
 * leaves the consumer group, as a paused worker's does), so the JIT compiles Spring's start-up code
 * once instead of before every mode, while the modes measure; worker processes start fresh each time.
 */
final class ConveyorUnderTest implements AutoCloseable {

    private static final String API_KEY = "cvk_bench_" + java.util.UUID.randomUUID().toString().replace("-", "");

    private final EmbeddedKafkaServer embeddedKafka;
    private final String kafkaMode;
    private final Map<String, Object> shared;
    private final ConveyorSystem system;
    private final Path workDirectory;
    private final AtomicInteger workerNumber = new AtomicInteger();
    /** The intake of the worker the system started inside this JVM. */
    private final JobIntake inJvmIntake;
    private final List<WorkerProcess> workerProcesses = new ArrayList<>();

    private ConveyorUnderTest(EmbeddedKafkaServer embeddedKafka, String kafkaMode, Map<String, Object> shared,
            ConveyorSystem system, Path workDirectory) {
        this.embeddedKafka = embeddedKafka;
        this.kafkaMode = kafkaMode;
        this.shared = shared;
        this.system = system;
        this.workDirectory = workDirectory;
        this.inJvmIntake = system.context(Service.WORKER).getBean(JobIntake.class);
    }

    /**
     * Starts Kafka (unless given), then a worker, scheduler and frontend as the launcher does; the
     * first worker registers the job types, so the API accepts {@code noop} from then on.
     */
    static ConveyorUnderTest start(BenchDatabase database, String databaseName, String kafka, Path workDirectory)
            throws IOException {
        Files.createDirectories(workDirectory);
        EmbeddedKafkaServer broker = null;
        String bootstrap = kafka;
        String kafkaMode = "given: " + kafka;
        if (kafka == null || kafka.isBlank()) {
            // the same single-node KRaft broker the launcher embeds, with its partition count
            broker = EmbeddedKafkaServer.start(12);
            bootstrap = broker.bootstrapServers();
            kafkaMode = "embedded single-node KRaft broker in the benchmark JVM (" + bootstrap + ", 12 partitions)";
        }
        Map<String, Object> shared = new HashMap<>();
        shared.put("spring.datasource.url", database.jdbcUrl(databaseName));
        shared.put("spring.datasource.username", database.user());
        shared.put("spring.datasource.password", database.password());
        shared.put("spring.kafka.bootstrap-servers", bootstrap);
        shared.put("spring.cloud.stream.kafka.binder.brokers", bootstrap);
        shared.put("server.port", "0");
        shared.put("management.server.port", "0");
        // the API is measured as deployed, authenticated: the bootstrap admin key acts for each mode's tenant
        shared.put("conveyor.security.admin-api-key", API_KEY);
        // per-request INFO logging would be measured as well; warnings and errors still show
        shared.put("logging.level.root", "WARN");
        ConveyorUnderTest conveyor;
        try {
            Map<Service, Map<String, Object>> perService = Map.of(Service.WORKER, Map.of(
                    "conveyor.worker.id", "bench-registrar",
                    "conveyor.warehouse.url", "jdbc:duckdb:" + workDirectory.resolve("warehouse-registrar.duckdb")));
            ConveyorSystem system = ConveyorSystem.start(shared, perService);
            conveyor = new ConveyorUnderTest(broker, kafkaMode, shared, system, workDirectory);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
        return conveyor;
    }

    String apiKey() {
        return API_KEY;
    }

    int apiPort() {
        return system.port(Service.FRONTEND);
    }

    String kafkaMode() {
        return kafkaMode;
    }

    /**
     * Starts workers: {@code processes == 0} means one inside this JVM; otherwise that many JVMs,
     * launched together and awaited together.
     * @return a description for the report
     */
    String startWorkers(int processes) throws InterruptedException {
        if (processes == 0) {
            inJvmIntake.start();
            return "1 worker in the benchmark JVM";
        }
        List<WorkerProcess> started = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            String id = "bench-worker-" + workerNumber.incrementAndGet();
            Map<String, String> properties = new TreeMap<>();
            shared.forEach((key, value) -> properties.put(key, String.valueOf(value)));
            workerProperties(id).forEach((key, value) -> properties.put(key, String.valueOf(value)));
            properties.remove("server.port");
            properties.remove("management.server.port");
            started.add(WorkerProcess.launch(id, properties, workDirectory));
        }
        workerProcesses.addAll(started);
        for (WorkerProcess process : started) {
            process.awaitReady(180_000);
        }
        return processes + " worker process" + (processes == 1 ? "" : "es") + " (-Xmx512m)";
    }

    /** Stops every worker (graceful; nothing is running between modes). */
    void stopWorkers() {
        inJvmIntake.stop();
        for (WorkerProcess process : workerProcesses) {
            process.close();
        }
        workerProcesses.clear();
    }

    /** Every {@code conveyor.*} setting each service resolved, for the report. */
    Map<String, Map<String, String>> settings() {
        Map<String, Map<String, String>> settings = new TreeMap<>();
        for (Service service : EnumSet.of(Service.FRONTEND, Service.SCHEDULER, Service.WORKER)) {
            ConfigurableApplicationContext context = system.context(service);
            if (context == null) {
                continue;
            }
            settings.put(service.name().toLowerCase(), conveyorKeys(context.getEnvironment()));
        }
        return settings;
    }

    private static Map<String, String> conveyorKeys(ConfigurableEnvironment environment) {
        Map<String, String> keys = new TreeMap<>();
        for (var source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("conveyor.") && !name.contains("password") && !keys.containsKey(name)) {
                        keys.put(name, environment.getProperty(name));
                    }
                }
            }
        }
        return keys;
    }

    private Map<String, Object> workerProperties(String id) {
        return Map.of(
                "conveyor.worker.id", id,
                "conveyor.warehouse.url", "jdbc:duckdb:" + workDirectory.resolve("warehouse-" + id + ".duckdb"));
    }

    @Override
    public void close() {
        stopWorkers();
        system.close();
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
    }
}
