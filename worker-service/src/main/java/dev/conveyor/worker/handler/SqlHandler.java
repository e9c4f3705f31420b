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

    private static final String SCHEMA = Schemas.load("/dev/conveyor/worker/handler/sql.schema.json");

    private final int maxResultRows;

    @Autowired
    SqlHandler(WorkerProperties properties) {
        this(properties.sql().maxResultRows());
    }

    SqlHandler(int maxResultRows) {
        this.maxResultRows = maxResultRows;
    }

    @Override
    public String type() {
        return "sql";
    }

    @Override
    public String paramsSchema() {
        return SCHEMA;
    }

    @Override
    public String description() {
        return "Runs SQL with named :parameters on the warehouse; returns affected row counts or the first rows.";
    }

    @Override
    public Map<String, Object> execute(JobContext context) {
        Map<String, Object> params = context.params();
        Map<String, Object> parameters = new HashMap<>(parameters(params.get("parameters")));
        // lets SQL key its writes by the job, e.g. INSERT ... VALUES (:jobId, ...), so a retry can upsert
        parameters.putIfAbsent("jobId", context.idempotencyToken());
        Warehouse warehouse = context.warehouse();
        try {
            if (params.get("statements") != null) {
                List<String> statements = statements(params.get("statements"));
                return warehouse.transactions().execute(tx -> {
                    List<Map<String, Object>> results = new ArrayList<>();
                    for (String sql : statements) {
                        results.add(run(context, sql, parameters));
                    }
                    return Map.of("statements", results);
                });
            }
            if (!(params.get("sql") instanceof String sql) || sql.isBlank()) {
                throw new NonRetryableJobException("params.sql must be a non-empty string (or give params.statements)");
            }
            return run(context, sql, parameters);
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new NonRetryableJobException("params.parameters must be an object of named values");
    }

    private static List<String> statements(Object value) {
        if (value instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(s -> s instanceof String text && !text.isBlank())) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new NonRetryableJobException("params.statements must be a non-empty list of SQL strings");
    }
}
