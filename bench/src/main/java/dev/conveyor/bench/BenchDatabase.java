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
     * Lets the server finish what the previous mode left it before the next one is measured, so no mode pays for
     * another: a checkpoint (dirty pages), then the vacuum of the database the next mode uses. Where autovacuum runs,
     * that means waiting until no autovacuum worker is busy (at most {@code limit}). Where the server has autovacuum
     * off, nothing would ever remove the dead row versions and index entries the earlier modes left, nor update the
     * planner's statistics, which no production server runs without; a {@code VACUUM (ANALYZE)} of the database
     * stands in for it. Returns what it did, for the report.
     */
    String settle(String database, Duration limit) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            if ("off".equalsIgnoreCase(single(statement, "SHOW autovacuum"))) {
                try (Connection own = connect(database); Statement vacuum = own.createStatement()) {
                    vacuum.execute("VACUUM (ANALYZE)");
                }
                return "checkpoint and VACUUM (ANALYZE) of %s (autovacuum is off) in %.1f s".formatted(database,
                        (System.nanoTime() - started) / 1e9);
            }
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
                    "commit_delay", "shared_buffers", "max_connections", "autovacuum"}) {
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
