package dev.conveyor.worker.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Connections to an embedded DuckDB warehouse confined to its files directory: jobs run caller-written
 * SQL, and DuckDB's file functions ({@code read_text}, {@code COPY ... TO}, {@code ATTACH}, http URLs)
 * would otherwise reach every file the process can, its own environment included.
 *
 * <p>DuckDB's settings belong to a database instance, which lives while any connection to it is open
 * (a file database is shared by its connections; every in-memory connection is an instance of its own).
 * So each new connection confines its instance unless that is already done, and locks the
 * configuration so that no statement can undo it; the pool then checks every connection with
 * {@link #CHECK} before handing it out.
 */
final class DuckDbSandbox extends DriverManagerDataSource {

    /** Fails a new pooled connection whose instance is not confined, so none is ever used unconfined. */
    static final String CHECK = "SELECT CASE WHEN current_setting('enable_external_access') "
            + "OR NOT current_setting('lock_configuration') THEN error('the DuckDB warehouse is not sandboxed') END";

    private final Path filesDirectory;

    DuckDbSandbox(String url, Path filesDirectory) {
        super(url);
        this.filesDirectory = filesDirectory;
    }

    @Override
    protected Connection getConnectionFromDriverManager(String url, Properties properties) throws SQLException {
        Connection connection = super.getConnectionFromDriverManager(url, properties);
        try {
            if (!isLocked(connection)) {
                confine(connection);
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private void confine(Connection connection) throws SQLException {
        // a statement that fails closes itself in DuckDB's driver: one statement each
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET allowed_directories = [" + SqlNames.literal(filesDirectory.toString()) + "]");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET enable_external_access = false");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_configuration = true");
        }
    }

    private static boolean isLocked(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet locked = statement.executeQuery("SELECT current_setting('lock_configuration')")) {
            return locked.next() && locked.getBoolean(1);
        }
    }
}
