package dev.conveyor.worker.warehouse;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Table and column names taken from job params. They are checked against a plain identifier pattern
 * and then double-quoted, so a name can never carry SQL and reserved words such as {@code order} work.
 * Quoting keeps the name's case: on PostgreSQL {@code Orders} and {@code orders} are different tables,
 * so prefer lower case.
 */
public final class SqlNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SqlNames() {
    }

    /** A table name, optionally schema-qualified ({@code schema.table}), quoted; null when it is not valid. */
    public static String quotedTable(String name) {
        if (name == null) {
            return null;
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2 || !Arrays.stream(parts).allMatch(part -> IDENTIFIER.matcher(part).matches())) {
            return null;
        }
        return Arrays.stream(parts).map(part -> '"' + part + '"').collect(Collectors.joining("."));
    }

    /** A single column name, quoted; null when it is not valid. */
    public static String quotedColumn(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            return null;
        }
        return '"' + name + '"';
    }

    /**
     * Any name as a quoted identifier, for names from configuration (roles, schemas) that need not
     * follow the plain pattern: embedded double quotes are doubled, so the name can never end the quoting.
     */
    public static String quotedIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A SQL string literal, for the places that take no bound parameter (DuckDB's {@code COPY ... TO 'file'}). */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
