package dev.conveyor.worker.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Confines an embedded DuckDB warehouse to its files directory: jobs run caller-written SQL, and
 * DuckDB's file functions ({@code read_text}, {@code COPY ... TO}, {@code ATTACH}, http URLs) would
 * otherwise reach every file the process can, its own environment included.
 *
 * <p>DuckDB keeps one database instance per file while any connection to it is open, and its settings
 * belong to that instance. So the sandbox is applied on one connection held for the warehouse's
 * lifetime (the instance never closes and reopens unconfined), the configuration is locked so no
 * statement can undo it, and every pooled connection checks it before it is handed out
 * ({@link #CHECK}).
 */
final class DuckDbSandbox implements AutoCloseable {

    /** Fails a new pooled connection whose instance is not confined, so none is ever used unconfined. */
    static final String CHECK = "SELECT CASE WHEN current_setting('enable_external_access') "
            + "OR NOT current_setting('lock_configuration') THEN error('the DuckDB warehouse is not sandboxed') END";

    private final Connection holder;

    private DuckDbSandbox(Connection holder) {
        this.holder = holder;
    }

    static DuckDbSandbox confine(String url, Path filesDirectory) {
        try {
            Connection connection = DriverManager.getConnection(url);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET allowed_directories = [" + SqlNames.literal(filesDirectory.toString()) + "]");
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new DuckDbSandbox(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot confine the DuckDB warehouse " + url + " to " + filesDirectory
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            holder.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing is left to protect
        }
    }
}
