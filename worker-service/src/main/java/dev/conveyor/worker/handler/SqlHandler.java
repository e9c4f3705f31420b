package dev.conveyor.worker.handler;

import dev.conveyor.worker.system.WorkerProperties;
import dev.conveyor.worker.warehouse.Warehouse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.stereotype.Component;

/**
 * Runs SQL on the warehouse with named parameters ({@code :name}) bound by the driver, never
 * concatenated. A SELECT returns its first rows (capped by {@code conveyor.worker.sql.max-result-rows});
 * other statements return the rows they affected. {@code statements} run in one transaction.
 * {@code :jobId} is bound to the job's idempotency token unless the params define it.
 */
@Component
class SqlHandler implements JobHandler {

    private static final ParamsSchema SCHEMA = ParamsSchema.load("/dev/conveyor/worker/handler/sql.schema.json");
    private static final JobTypeDefinition DEFINITION = new JobTypeDefinition("sql",
            "Runs SQL with named :parameters on the warehouse; returns affected row counts or the first rows.",
            SCHEMA);

    private final int maxResultRows;

    @Autowired
    SqlHandler(WorkerProperties properties) {
        this(properties.sql().maxResultRows());
    }

    SqlHandler(int maxResultRows) {
        this.maxResultRows = maxResultRows;
    }

    @Override
    public JobTypeDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> execute(JobContext context) {
        Params params = SCHEMA.read(context.params());
        Map<String, Object> parameters = new HashMap<>(parameters(context.params().get("parameters")));
        // lets SQL key its writes by the job, e.g. INSERT ... VALUES (:jobId, ...), so a retry can upsert
        parameters.putIfAbsent("jobId", context.idempotencyToken());
        Warehouse warehouse = context.warehouse();
        try {
            if (params.has("statements")) {
                List<String> statements = statements(params);
                return warehouse.transactions().execute(tx -> {
                    List<Map<String, Object>> results = new ArrayList<>();
                    for (String sql : statements) {
                        results.add(run(context, sql, parameters));
                    }
                    return Map.of("statements", results);
                });
            }
            return run(context, params.string("sql"), parameters);
        } catch (BadSqlGrammarException | DataIntegrityViolationException | InvalidDataAccessApiUsageException e) {
            // the same SQL with the same parameters fails the same way on every attempt
            throw new NonRetryableJobException(e.getMessage(), e);
        }
    }

    private Map<String, Object> run(JobContext context, String sql, Map<String, Object> parameters) {
        return context.warehouse().jdbc().execute(sql, parameters, (PreparedStatement statement) -> {
            if (maxResultRows > 0) {
                // one row more than we keep tells whether the result was truncated
                statement.setMaxRows(maxResultRows + 1);
            }
            try (Cancellation.Registration ignored = context.cancelOnStop(statement)) {
                if (statement.execute()) {
                    try (ResultSet rows = statement.getResultSet()) {
                        return rows(rows);
                    }
                }
                return Map.<String, Object>of("rowsAffected", Math.max(0L, statement.getLargeUpdateCount()));
            }
        });
    }

    private Map<String, Object> rows(ResultSet resultSet) throws SQLException {
        ResultSetMetaData meta = resultSet.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (resultSet.next()) {
            if (rows.size() == maxResultRows) {
                truncated = true;
                break;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                row.put(meta.getColumnLabel(column), jsonValue(resultSet.getObject(column)));
            }
            rows.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", rows);
        result.put("rowCount", rows.size());
        result.put("truncated", truncated);
        return result;
    }

    /** Keeps JSON's own types; everything else (timestamps, UUIDs, driver types) becomes its text. */
    private static Object jsonValue(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value.toString();
    }

    /** The named values (an object, says the schema), or none. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** Strings of at least one character, says the schema; a blank one is refused here. */
    private static List<String> statements(Params params) {
        List<?> list = params.list("statements");
        for (int i = 0; i < list.size(); i++) {
            if (((String) list.get(i)).isBlank()) {
                throw params.invalid("statements[" + i + "]", "must be a non-empty SQL string");
            }
        }
        return list.stream().map(String.class::cast).toList();
    }
}
