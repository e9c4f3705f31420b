package dev.conveyor.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.launcher.ConveyorSystem;
import dev.conveyor.launcher.ConveyorSystem.Service;
import dev.conveyor.testsupport.KafkaBrokerProcess;
import dev.conveyor.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a console test class runs against: the whole system with API keys on (a Kafka broker, fresh databases),
 * an operator key and a read-only key of one tenant, and a headless Chromium. A test class starts one in its
 * {@code @BeforeAll} and closes it in its {@code @AfterAll}.
 */
final class ConsoleSystem implements AutoCloseable {

    static final String TENANT = "analytics";
    /** The repository's docs/images when the test runs from the launcher module, as Maven runs it. */
    static final Path IMAGES = Path.of("").toAbsolutePath().resolveSibling("docs").resolve("images");
    private static final String ADMIN_KEY = "launcher-console-test-bootstrap-admin-key";

    private final KafkaBrokerProcess kafka;
    private ConveyorSystem system;
    private ConsoleBrowser browser;
    private KeyedApi admin;
    private KeyedApi operator;
    private String operatorKey;
    private String readerKey;

    private ConsoleSystem(Path files) {
        // fails early with a clear message when the browser is missing, before any system starts
        assertThat(Files.isExecutable(ConsoleBrowser.CHROMIUM)).as("chromium installed").isTrue();
        kafka = KafkaBrokerProcess.start();
        try {
            startServices(files);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** @param files the files directory the worker loads from and triggers watch (a test's {@code @TempDir}) */
    static ConsoleSystem start(Path files) {
        return new ConsoleSystem(files);
    }

    private void startServices(Path files) {
        TestPostgres.Database database = TestPostgres.newDatabase();
        TestPostgres.Database warehouse = TestPostgres.newDatabase();
        Map<String, Object> shared = new HashMap<>();
        shared.put("spring.datasource.url", database.jdbcUrl());
        shared.put("spring.datasource.username", database.username());
        shared.put("spring.datasource.password", database.password());
        shared.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        shared.put("server.port", "0");
        shared.put("conveyor.security.enabled", "true");
        shared.put("conveyor.security.admin-api-key", ADMIN_KEY);
        shared.put("conveyor.frontend.console.event-poll-interval", "200ms");
        // the worker reads and writes there, the frontend checks triggers' paths and the scheduler scans them
        shared.put("conveyor.warehouse.files-directory", files.toString());
        shared.put("conveyor.scheduler.triggers.stable-after", "200ms");
        Map<String, Object> worker = new HashMap<>();
        worker.put("conveyor.warehouse.url", warehouse.jdbcUrl());
        worker.put("conveyor.warehouse.username", warehouse.username());
        worker.put("conveyor.warehouse.password", warehouse.password());
        worker.put("conveyor.worker.drain-timeout", "1s");
        worker.put("conveyor.worker.heartbeat-interval", "1s");
        system = ConveyorSystem.start(shared, Map.of(Service.WORKER, worker));
        String base = "http://localhost:" + system.port(Service.FRONTEND);

        admin = new KeyedApi(base, ADMIN_KEY);
        operatorKey = admin.createKey("operator", TENANT, "submit", "read", "operate", "sql");
        readerKey = admin.createKey("reader", TENANT, "read");
        operator = admin.as(operatorKey);
        browser = new ConsoleBrowser(base);
    }

    ConsoleBrowser browser() {
        return browser;
    }

    /** The API as the operator key calls it. */
    KeyedApi operator() {
        return operator;
    }

    /** May submit, read, operate and run SQL. */
    String operatorKey() {
        return operatorKey;
    }

    /** May only read. */
    String readerKey() {
        return readerKey;
    }

    /** A new key of another tenant, for a test that needs jobs of its own. */
    String keyFor(String name, String tenant, String... roles) {
        return admin.createKey(name, tenant, roles);
    }

    /** Signs the browser in with {@code key} and waits until the live stream runs. */
    ConsoleBrowser signedIn(String key) {
        browser.signIn(key);
        browser.awaitLive();
        return browser;
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
        kafka.close();
    }
}
