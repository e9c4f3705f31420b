package dev.conveyor.worker.export;

import dev.conveyor.worker.handler.JdbcSteps;
import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.handler.JobHandler;
import dev.conveyor.worker.handler.JobTypeDefinition;
import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.handler.Params;
import dev.conveyor.worker.handler.ParamsSchema;
import dev.conveyor.worker.warehouse.Dialect;
import dev.conveyor.worker.warehouse.SqlNames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;

/**
 * Writes a table or a query's rows to a CSV or Parquet file. The rows go to a temporary file next to
 * the target, which is then moved over it in one step, so a reader never sees half a file and a
 * failed export leaves the previous file as it was.
 */
@Component
public class ExportHandler implements JobHandler {

    private static final ParamsSchema SCHEMA = ParamsSchema.load("/dev/conveyor/worker/export/export.schema.json");
    private static final JobTypeDefinition DEFINITION = new JobTypeDefinition("export",
            "Writes a table or query to a CSV or Parquet file, replacing the file atomically.",
            SCHEMA);

    @Override
    public JobTypeDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> execute(JobContext context) throws Exception {
        Params params = SCHEMA.read(context.params());
        String query = params.has("table") ? "SELECT * FROM " + params.table("table")
                : params.string("query").strip().replaceAll(";+\\s*$", "");
        String path = params.string("path");
        Path target = context.warehouse().confined(path).orElseThrow(() ->
                new NonRetryableJobException("params.path: " + path + " is outside the files directory"));
        String format = params.string("format", formatOf(target));
        if (format == null) {
            throw params.invalid("format", "is needed: the format cannot be told from the name of " + target
                    + " (use a .csv or .parquet name, or give format)");
        }
        boolean header = params.bool("header", true);
        Dialect dialect = context.warehouse().dialect();
        if (dialect == Dialect.OTHER) {
            throw new NonRetryableJobException("export supports DuckDB and PostgreSQL warehouses only");
        }
        if (dialect == Dialect.POSTGRESQL && format.equals("parquet")) {
            throw new NonRetryableJobException("export to Parquet needs a DuckDB warehouse; on PostgreSQL export "
                    + "CSV (and load it into DuckDB to convert it)");
        }

        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            long rows;
            try (Connection connection = context.warehouse().dataSource().getConnection()) {
                rows = dialect == Dialect.DUCKDB
                        ? JdbcSteps.update(context, connection, "COPY (" + query + ") TO "
                                + SqlNames.literal(temporary.toString()) + options(format, header))
                        : copyOut(context, connection, query, header, temporary);
            }
            JdbcSteps.stopIfCancelled(context);
            moveIntoPlace(temporary, target);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("path", target.toString());
            result.put("rowCount", rows);
            result.put("bytes", Files.size(target));
            result.put("format", format);
            return result;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String options(String format, boolean header) {
        return format.equals("parquet") ? " (FORMAT parquet)" : " (FORMAT csv, HEADER " + header + ")";
    }

    private static long copyOut(JobContext context, Connection connection, String query, boolean header,
            Path temporary) throws SQLException, IOException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        JdbcSteps.stopIfCancelled(context);
        // COPY runs on no Statement: cancelling the connection's current query is what stops it
        try (var ignored = context.cancelOnStop(postgres::cancelQuery); OutputStream out = Files.newOutputStream(temporary)) {
            return postgres.getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT WITH (FORMAT csv, HEADER "
                    + header + ")", out);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same directory, so this only happens on file systems without rename; still never half a file
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String formatOf(Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return "parquet";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        return null;
    }
}
