package dev.conveyor.worker.handler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One statement at a time, each registered with the attempt's cancellation while it runs, so a
 * cancel request or a timeout stops it on the server ({@code Statement.cancel()}) rather than
 * waiting for it to end. Used by the bulk handlers, which work on plain connections.
 */
public final class JdbcSteps {

    private JdbcSteps() {
    }

    /** Runs a statement that returns no rows; the rows it changed, or 0 when the driver does not say. */
    public static long update(JobContext context, Connection connection, String sql, Object... parameters)
            throws SQLException {
        stopIfCancelled(context);
        try (PreparedStatement statement = connection.prepareStatement(sql);
                Cancellation.Registration ignored = context.cancelOnStop(statement)) {
            bind(statement, parameters);
            if (statement.execute()) {
                return 0;
            }
            return Math.max(0L, statement.getLargeUpdateCount());
        }
    }

    /** Runs a query whose first column of its first row is a number, such as {@code SELECT count(*)}. */
    public static long count(JobContext context, Connection connection, String sql, List<?> parameters)
            throws SQLException {
        stopIfCancelled(context);
        try (PreparedStatement statement = connection.prepareStatement(sql);
                Cancellation.Registration ignored = context.cancelOnStop(statement)) {
            bind(statement, parameters.toArray());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** Throws when the attempt was cancelled, so a handler does not start its next step. */
    public static void stopIfCancelled(JobContext context) {
        if (context.isCancelled()) {
            throw new CancellationException("the attempt was stopped");
        }
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
