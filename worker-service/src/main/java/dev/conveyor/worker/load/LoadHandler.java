package dev.conveyor.worker.load;

import dev.conveyor.worker.handler.JdbcSteps;
import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.handler.JobHandler;
import dev.conveyor.worker.handler.JobTypeDefinition;
import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.handler.Params;
import dev.conveyor.worker.handler.ParamsSchema;
import dev.conveyor.worker.warehouse.Dialect;
import dev.conveyor.worker.warehouse.SqlNames;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Loads a CSV or Parquet file (a path or an http(s) URL) into a warehouse table, replacing the table
 * or appending to it. DuckDB reads the file itself; PostgreSQL gets it through {@link PostgresCopy}.
 */
@Component
public class LoadHandler implements JobHandler {

    private static final ParamsSchema SCHEMA = ParamsSchema.load("/dev/conveyor/worker/load/load.schema.json");
    private static final JobTypeDefinition DEFINITION = new JobTypeDefinition("load",
            "Loads a CSV or Parquet file (path or http(s) URL) into a warehouse table, replacing or appending.",
            SCHEMA);

    private final Downloads downloads;

    public LoadHandler(LoadProperties properties) {
        this.downloads = new Downloads(properties.urlPolicy(), properties.maxDownloadSize().toBytes(),
                properties.downloadTimeout());
    }

    @Override
    public JobTypeDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> execute(JobContext context) throws Exception {
        LoadRequest request = LoadRequest.from(SCHEMA.read(context.params()));
        Dialect dialect = context.warehouse().dialect();
        if (dialect == Dialect.OTHER) {
            throw new NonRetryableJobException("load supports DuckDB and PostgreSQL warehouses only");
        }
        context.reportProgress(0, Source.isUrl(request.source()) ? "downloading" : "loading");
        try (Source source = Source.isUrl(request.source())
                ? Source.download(downloads, request.source(), context.warehouse().filesDirectory())
                : Source.local(context.warehouse().confined(request.source()).orElseThrow(() ->
                        new NonRetryableJobException("params.source: " + request.source()
                                + " is outside the files directory")))) {
            String reader = request.reader(source.file().toString());
            long rows;
            try (Connection connection = context.warehouse().dataSource().getConnection()) {
                rows = dialect == Dialect.DUCKDB
                        ? loadIntoDuckDb(context, connection, request, reader)
                        : PostgresCopy.load(context, connection, request.quotedTable(), request.replace(), reader);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("table", request.table());
            result.put("rowCount", rows);
            return result;
        }
    }

    private static long loadIntoDuckDb(JobContext context, Connection connection, LoadRequest request, String reader)
            throws java.sql.SQLException {
        if (request.replace()) {
            // one statement: readers see the old table until the new one is complete
            return JdbcSteps.update(context, connection,
                    "CREATE OR REPLACE TABLE " + request.quotedTable() + " AS SELECT * FROM " + reader);
        }
        // BY NAME matches the file's columns to the table's by name, not by position
        return JdbcSteps.update(context, connection,
                "INSERT INTO " + request.quotedTable() + " BY NAME SELECT * FROM " + reader);
    }

    /** Validated params. */
    record LoadRequest(String source, String table, String quotedTable, String format, boolean replace,
            boolean header, String delimiter) {

        static LoadRequest from(Params params) {
            String source = params.string("source");
            String table = params.string("table");
            String format = params.string("format", formatOf(source));
            if (format == null) {
                throw params.invalid("format", "is needed: the format cannot be told from the name of " + Source.fileName(source)
                        + " (use a .csv or .parquet name, or give format)");
            }
            boolean replace = params.string("mode", "replace").equals("replace");
            return new LoadRequest(source, table, params.table("table"), format, replace, params.bool("header", true),
                    params.string("delimiter", ","));
        }

        /** DuckDB's table function reading the file: the same on both warehouses, so both infer the same types. */
        String reader(String file) {
            if (format.equals("parquet")) {
                return "read_parquet(" + SqlNames.literal(file) + ")";
            }
            return "read_csv(" + SqlNames.literal(file) + ", header = " + header + ", delim = "
                    + SqlNames.literal(delimiter) + ")";
        }

        private static String formatOf(String source) {
            String name = Source.fileName(source).toLowerCase(Locale.ROOT);
            if (name.endsWith(".parquet") || name.endsWith(".pq")) {
                return "parquet";
            }
            if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
                return "csv";
            }
            return null;
        }
    }
}
