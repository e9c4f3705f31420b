package dev.conveyor.worker.handler;

import dev.conveyor.worker.warehouse.SqlNames;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A job's params once {@link ParamsSchema#read} checked them against the handler's schema: the schema already
 * said which params exist, their types, patterns and bounds, so reading them here only converts. What a schema
 * cannot say (a blank string, a format that follows from a file name) is still checked, and reported with
 * {@link #invalid} naming the param.
 */
public final class Params {

    private final Map<String, Object> values;
    private final String prefix;

    private Params(Map<String, Object> values, String prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    static Params of(Map<String, Object> values) {
        return new Params(values, "params.");
    }

    /** The params of one element of a list, e.g. {@code params.assertions[2].}. */
    @SuppressWarnings("unchecked")
    public Params element(String list, int index) {
        return new Params((Map<String, Object>) ((List<?>) values.get(list)).get(index),
                prefix + list + "[" + index + "].");
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** A string the schema requires; blank is refused, which a schema's {@code minLength} does not catch. */
    public String string(String name) {
        if (values.get(name) instanceof String text && !text.isBlank()) {
            return text;
        }
        throw invalid(name, "must be a non-empty string");
    }

    public String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    public boolean bool(String name, boolean fallback) {
        return has(name) ? (Boolean) values.get(name) : fallback;
    }

    /** A whole number (the schema says {@code integer}), or null when absent. */
    public Long wholeNumber(String name) {
        return has(name) ? ((Number) values.get(name)).longValue() : null;
    }

    public double number(String name) {
        return ((Number) values.get(name)).doubleValue();
    }

    public List<?> list(String name) {
        return (List<?>) values.get(name);
    }

    /** A table name (the schema's pattern) as a quoted identifier, optionally schema-qualified. */
    public String table(String name) {
        return SqlNames.quotedTable(string(name));
    }

    /** A column name (the schema's pattern) as a quoted identifier. */
    public String column(String name) {
        return SqlNames.quotedColumn(string(name));
    }

    /** A list of column names (the schema's pattern), each as a quoted identifier. */
    public List<String> columns(String name) {
        List<?> list = list(name);
        return IntStream.range(0, list.size()).mapToObj(i -> SqlNames.quotedColumn((String) list.get(i))).toList();
    }

    public NonRetryableJobException invalid(String name, String problem) {
        return new NonRetryableJobException(prefix + name + " " + problem);
    }
}
