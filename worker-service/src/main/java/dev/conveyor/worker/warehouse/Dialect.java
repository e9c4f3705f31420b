package dev.conveyor.worker.warehouse;

/**
 * Which kind of database the warehouse is, for the handlers that use database-specific bulk paths
 * (DuckDB's file readers and {@code COPY ... TO}, PostgreSQL's {@code COPY ... STDIN/STDOUT}).
 */
public enum Dialect {
    DUCKDB,
    POSTGRESQL,
    /** Any other JDBC database: plain SQL works, bulk load and export do not. */
    OTHER;

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:duckdb:")) {
            return DUCKDB;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        return OTHER;
    }
}
