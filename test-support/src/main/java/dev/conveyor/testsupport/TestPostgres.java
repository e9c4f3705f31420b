package dev.conveyor.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL server per test JVM, and a fresh database on it for each caller, so test
 * classes never see each other's rows. A container where Docker exists, else an embedded server.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    /** Connection coordinates of one database. */
    public record Database(String jdbcUrl, String username, String password) {
    }

    private interface Server {
        Database database(String name);

        Connection adminConnection() throws SQLException;
    }

    private TestPostgres() {
    }

    /** Creates a new, empty database and returns how to reach it. */
    public static synchronized Database newDatabase() {
        String name = "conveyor_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = server().adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return server().database(name);
    }

    /** The container started for this JVM, or null when tests run on the embedded server. */
    public static synchronized PostgreSQLContainer container() {
        return server() instanceof ContainerServer containerServer ? containerServer.container : null;
    }

    private static synchronized Server server() {
        if (server == null) {
            server = Docker.useContainers() ? new ContainerServer() : new EmbeddedServer();
        }
        return server;
    }

    private static final class EmbeddedServer implements Server {
        private final EmbeddedPostgres postgres;

        EmbeddedServer() {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }));
        }

        @Override
        public Database database(String name) {
            return new Database(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
        }

        @Override
        public Connection adminConnection() throws SQLException {
            return postgres.getPostgresDatabase().getConnection();
        }
    }

    private static final class ContainerServer implements Server {
        private final PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");

        ContainerServer() {
            container.start();
        }

        @Override
        public Database database(String name) {
            String url = container.getJdbcUrl().replace("/" + container.getDatabaseName(), "/" + name);
            return new Database(url, container.getUsername(), container.getPassword());
        }

        @Override
        public Connection adminConnection() throws SQLException {
            return container.createConnection("");
        }
    }
}
