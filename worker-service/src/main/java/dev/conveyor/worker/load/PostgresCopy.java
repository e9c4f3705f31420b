package dev.conveyor.worker.load;

import dev.conveyor.worker.handler.JdbcSteps;
import dev.conveyor.worker.handler.JobContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Loads a file into PostgreSQL. An in-memory DuckDB reads the file (CSV or Parquet, the same reader a
 * DuckDB warehouse uses), which gives column names and types inferred from the data, and writes it
 * back as plain CSV to a temporary file: ISO dates, plain numbers, empty for NULL. That file is
 * streamed into the table with {@code COPY ... FROM STDIN}, in one transaction with the
 * {@code DROP}/{@code CREATE} of a replace, so readers see the old table or the complete new one.
 *
 * <p>Types map as integers to {@code bigint}, decimals and floating point to {@code numeric}, dates,
 * times and timestamps to their PostgreSQL types, booleans to {@code boolean}, everything else to
 * {@code text}. DuckDB's CSV sniffer decides from a sample; a later value that does not fit fails the
 * read with a message naming the line, before anything is written.
 */
final class PostgresCopy {

    private PostgresCopy() {
    }

    record Column(String name, String duckDbType) {

        String quotedName() {
            return '"' + name.replace("\"", "\"\"") + '"';
        }

        String postgresType() {
            String type = duckDbType.toUpperCase(Locale.ROOT);
            if (type.equals("HUGEINT") || type.equals("UBIGINT") || type.equals("UHUGEINT")) {
                return "numeric";
            }
            if (type.endsWith("INT") || type.endsWith("INTEGER")) {
                return "bigint";
            }
            if (type.startsWith("DECIMAL") || type.equals("DOUBLE") || type.equals("FLOAT") || type.equals("REAL")) {
                return "numeric";
            }
            return switch (type) {
                case "DATE" -> "date";
                case "TIME" -> "time";
                case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> "timestamp";
                case "TIMESTAMP WITH TIME ZONE" -> "timestamptz";
                case "BOOLEAN" -> "boolean";
                default -> "text";
            };
        }
    }

    static long load(JobContext context, Connection warehouse, String quotedTable, boolean replace, String reader)
            throws SQLException, IOException {
        Path csv = Files.createTempFile("conveyor-load-", ".csv");
        try {
            List<Column> columns = normalise(context, reader, csv);
            JdbcSteps.stopIfCancelled(context);
            return copyIn(context, warehouse, quotedTable, replace, columns, csv);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** Reads the source with DuckDB and writes it as plain CSV without a header; returns its columns. */
    private static List<Column> normalise(JobContext context, String reader, Path csv) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            List<Column> columns = new ArrayList<>();
            try (Statement describe = duckdb.createStatement()) {
                try (var ignored = context.cancelOnStop(describe);
                        ResultSet rows = describe.executeQuery("DESCRIBE SELECT * FROM " + reader)) {
                    while (rows.next()) {
                        columns.add(new Column(rows.getString("column_name"), rows.getString("column_type")));
                    }
                }
            }
            JdbcSteps.update(context, duckdb, "COPY (SELECT * FROM " + reader + ") TO "
                    + dev.conveyor.worker.warehouse.SqlNames.literal(csv.toString()) + " (FORMAT csv, HEADER false)");
            return columns;
        }
    }

    private static long copyIn(JobContext context, Connection warehouse, String quotedTable, boolean replace,
            List<Column> columns, Path csv) throws SQLException, IOException {
        boolean autoCommit = warehouse.getAutoCommit();
        warehouse.setAutoCommit(false);
        try {
            if (replace) {
                JdbcSteps.update(context, warehouse, "DROP TABLE IF EXISTS " + quotedTable);
                JdbcSteps.update(context, warehouse, "CREATE TABLE " + quotedTable + " ("
                        + columns.stream().map(c -> c.quotedName() + " " + c.postgresType())
                                .collect(Collectors.joining(", ")) + ")");
            }
            String copy = "COPY " + quotedTable + " ("
                    + columns.stream().map(Column::quotedName).collect(Collectors.joining(", "))
                    + ") FROM STDIN WITH (FORMAT csv, HEADER false)";
            PGConnection postgres = warehouse.unwrap(PGConnection.class);
            long rows;
            JdbcSteps.stopIfCancelled(context);
            // COPY runs on no Statement: cancelling the connection's current query is what stops it
            try (var ignored = context.cancelOnStop(postgres::cancelQuery); InputStream in = Files.newInputStream(csv)) {
                rows = postgres.getCopyAPI().copyIn(copy, in);
            }
            warehouse.commit();
            return rows;
        } catch (SQLException | IOException | RuntimeException e) {
            warehouse.rollback();
            throw e;
        } finally {
            warehouse.setAutoCommit(autoCommit);
        }
    }
}
