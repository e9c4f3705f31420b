package dev.conveyor.worker.check;

import dev.conveyor.worker.handler.Params;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One assertion of a check, compiled to a single query that counts what it finds. For
 * {@code row_count} that is the table's rows, compared with the bounds; for every other type it is the
 * offending rows, and the assertion passes when there are none.
 *
 * @param countSql a query returning one number, with {@code ?} for {@code parameters}
 */
record Assertion(String name, String type, String countSql, List<Object> parameters, Long min, Long max) {

    /** The assertion's verdict: {@code failingCount} is offending rows, or how far the row count is out of bounds. */
    record Outcome(Assertion assertion, boolean passed, long count, long failingCount) {

        String summary() {
            if (assertion.type().equals("row_count")) {
                return assertion.name() + " (" + count + " rows, expected " + assertion.bounds() + ")";
            }
            return assertion.name() + " (" + failingCount + " rows)";
        }
    }

    Outcome judge(long count) {
        if (!type.equals("row_count")) {
            return new Outcome(this, count == 0, count, count);
        }
        long below = min != null && count < min ? min - count : 0;
        long above = max != null && count > max ? count - max : 0;
        return new Outcome(this, below == 0 && above == 0, count, below + above);
    }

    private String bounds() {
        if (min != null && max != null) {
            return min + " to " + max;
        }
        return min != null ? "at least " + min : "at most " + max;
    }

    /** @param params one element of {@code params.assertions}, checked against the schema */
    static Assertion parse(Params params, int index, String quotedTable) {
        String type = params.string("type");
        String givenName = params.string("name", null);
        return switch (type) {
            case "row_count" -> {
                Long min = params.wholeNumber("min");
                Long max = params.wholeNumber("max");
                yield new Assertion(Objects.requireNonNullElse(givenName, "row_count"), type,
                        "SELECT count(*) FROM " + quotedTable, List.of(), min, max);
            }
            case "not_null" -> {
                List<String> columns = params.columns("columns");
                yield new Assertion(nameOr(givenName, type, columns), type, "SELECT count(*) FROM " + quotedTable
                        + " WHERE " + columns.stream().map(c -> c + " IS NULL").collect(Collectors.joining(" OR ")),
                        List.of(), null, null);
            }
            case "unique" -> {
                // rows with a NULL in any of the columns are left out, as a SQL UNIQUE constraint does
                List<String> columns = params.columns("columns");
                String joined = String.join(", ", columns);
                yield new Assertion(nameOr(givenName, type, columns), type,
                        "SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM " + quotedTable + " WHERE "
                                + columns.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" AND "))
                                + " GROUP BY " + joined + " HAVING count(*) > 1) AS duplicates",
                        List.of(), null, null);
            }
            case "accepted_values" -> acceptedValues(params, givenName, quotedTable);
            case "custom" -> {
                String sql = params.string("sql").strip().replaceAll(";+\\s*$", "");
                yield new Assertion(Objects.requireNonNullElse(givenName, "custom #" + (index + 1)), type,
                        "SELECT count(*) FROM (" + sql + ") AS offending", List.of(), null, null);
            }
            default -> throw new IllegalStateException("the schema admits no assertion type " + type);
        };
    }

    /**
     * Values are compared as text ({@code CAST(column AS VARCHAR)}), so one list works for text and
     * number columns on every warehouse. NULL is not accepted unless the list contains {@code null}.
     */
    private static Assertion acceptedValues(Params params, String givenName, String quotedTable) {
        String column = params.column("column");
        List<?> values = params.list("values");
        boolean nullAccepted = values.stream().anyMatch(Objects::isNull);
        // strings, numbers, booleans or null, says the schema
        List<Object> texts = values.stream().filter(Objects::nonNull).map(Object::toString).collect(Collectors.toList());
        String offending;
        if (texts.isEmpty()) {
            offending = column + " IS NOT NULL";
        } else {
            // CAST(NULL ...) NOT IN (...) is NULL, not true: NULLs are counted only by the explicit test
            offending = "CAST(" + column + " AS VARCHAR) NOT IN ("
                    + texts.stream().map(v -> "?").collect(Collectors.joining(", ")) + ")"
                    + (nullAccepted ? "" : " OR " + column + " IS NULL");
        }
        String name = givenName != null ? givenName : "accepted_values " + unquote(column);
        return new Assertion(name, "accepted_values", "SELECT count(*) FROM " + quotedTable + " WHERE "
                + offending, List.copyOf(texts), null, null);
    }

    private static String nameOr(String givenName, String type, List<String> columns) {
        if (givenName != null) {
            return givenName;
        }
        return type + " " + columns.stream().map(Assertion::unquote).collect(Collectors.joining(", "));
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }
}
