package dev.conveyor.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL server under both systems. Each run gets fresh databases, so no earlier run's rows
 * or bloat change the numbers. The benchmark never changes a durability setting; it refuses to run
 * on a server where one is switched off, since the comparison would then mean nothing.
 */
final class BenchDatabase {

    private final String serverUrl;
    private final String user;
    private final String password;

    BenchDatabase(String dbUrl, String user, String password) {
        // accept both jdbc:postgresql://host:port and jdbc:postgresql://host:port/some_db
        String withoutDatabase = dbUrl.replaceFirst("^(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?$", "$1");
        this.serverUrl = withoutDatabase;
        this.user = user;
        this.password = password;
    }

    String jdbcUrl(String database) {
        return serverUrl + "/" + database;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Drops and creates the database (names are checked identifiers, see BenchOptions). */
    void recreate(String database) throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    /**
     * Lets the server finish what the previous system left it (dirty pages, autovacuum of its tables) before the
     * next system is measured, so neither pays for the other: a checkpoint, then until no autovacuum worker runs
     * (at most {@code limit}). Returns what it did, for the report.
     */
    String settle(Duration limit) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            long deadline = started + limit.toNanos();
            // the server announces nothing when autovacuum ends; ask twice a second
            while (Long.parseLong(single(statement,
                    "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) > 0) {
                if (System.nanoTime() > deadline) {
                    return "checkpoint; autovacuum still running after " + limit.toSeconds() + " s";
                }
                Thread.sleep(500);
            }
        }
        return "checkpoint and no autovacuum running after %.1f s".formatted((System.nanoTime() - started) / 1e9);
    }

    /** Version and the settings that decide what a commit costs. */
    Map<String, String> facts() throws SQLException {
        Map<String, String> facts = new LinkedHashMap<>();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            facts.put("version", single(statement, "SELECT version()"));
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                    "commit_delay", "shared_buffers", "max_connections"}) {
                facts.put(setting, single(statement, "SHOW " + setting));
            }
        }
        return facts;
    }

    static void requireDurable(Map<String, String> facts) {
        if ("off".equalsIgnoreCase(facts.get("fsync")) || "off".equalsIgnoreCase(facts.get("synchronous_commit"))) {
            throw new IllegalStateException("The PostgreSQL server runs with fsync=" + facts.get("fsync")
                    + ", synchronous_commit=" + facts.get("synchronous_commit")
                    + ": the benchmark measures default durability only");
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
