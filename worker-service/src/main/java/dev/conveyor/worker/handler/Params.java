package dev.conveyor.worker.handler;

import dev.conveyor.worker.warehouse.SqlNames;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads job params that the API already checked against the handler's schema, once more, because a
 * job can reach a worker with params the schema never saw (an older schema, a direct insert). Every
 * problem is a {@link NonRetryableJobException} naming the param, since another attempt gets the same params.
 */
public final class Params {

    private final Map<String, Object> values;
    private final String prefix;

    private Params(Map<String, Object> values, String prefix) {
        this.values = values == null ? Map.of() : values;
        this.prefix = prefix;
    }

    public static Params of(Map<String, Object> params) {
        return new Params(params, "params.");
    }

    /** The params of one element of a list, e.g. {@code params.assertions[2].}. */
    public static Params nested(Map<String, Object> values, String path) {
        return new Params(values, path + ".");
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String requiredString(String name) {
        if (values.get(name) instanceof String text && !text.isBlank()) {
            return text;
        }
        throw invalid(name, "must be a non-empty string");
    }

    public String optionalString(String name, String fallback) {
        return has(name) ? requiredString(name) : fallback;
    }

    public String optionalChoice(String name, Set<String> choices, String fallback) {
        String value = optionalString(name, fallback);
        if (value != null && !choices.contains(value)) {
            throw invalid(name, "must be one of " + choices.stream().sorted().toList() + ", not '" + value + "'");
        }
        return value;
    }

    public boolean optionalBoolean(String name, boolean fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw invalid(name, "must be true or false");
    }

    public Long optionalLong(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        throw invalid(name, "must be a whole number");
    }

    public List<?> requiredList(String name) {
        if (values.get(name) instanceof List<?> list && !list.isEmpty()) {
            return list;
        }
        throw invalid(name, "must be a non-empty list");
    }

    /** A table name as a quoted identifier, optionally schema-qualified. */
    public String table(String name) {
        String quoted = SqlNames.quotedTable(requiredString(name));
        if (quoted == null) {
            throw invalid(name, "must be a table name such as orders or sales.orders (letters, digits, _), not '"
                    + values.get(name) + "'");
        }
        return quoted;
    }

    /** A column name as a quoted identifier. */
    public String column(String name) {
        return column(requiredString(name), prefix + name);
    }

    /** A non-empty list of column names, each as a quoted identifier. */
    public List<String> columns(String name) {
        List<?> list = requiredList(name);
        return java.util.stream.IntStream.range(0, list.size())
                .mapToObj(i -> column(list.get(i) instanceof String text ? text : null, prefix + name + "[" + i + "]"))
                .toList();
    }

    public NonRetryableJobException invalid(String name, String problem) {
        return new NonRetryableJobException(prefix + name + " " + problem);
    }

    private static String column(String value, String path) {
        String quoted = SqlNames.quotedColumn(value);
        if (quoted == null) {
            throw new NonRetryableJobException(path + " must be a column name (letters, digits, _), not '" + value + "'");
        }
        return quoted;
    }
}
