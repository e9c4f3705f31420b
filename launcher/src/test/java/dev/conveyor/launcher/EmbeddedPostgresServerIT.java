package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's PostgreSQL keeps what it committed across a restart, and commits durably. */
class EmbeddedPostgresServerIT {

    @TempDir
    Path dataDirectory;

    @Test
    void keepsItsDataAcrossARestartWithDurableSettings() throws Exception {
        Path postgresData = dataDirectory.resolve("postgres");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(postgresData)) {
            try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id int)");
                statement.execute("INSERT INTO kept VALUES (42)");
                assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(statement, "fsync")).isEqualTo("on");
                assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
            }
        }

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(postgresData);
                Connection connection = connect(second);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws Exception {
        Map<String, Object> properties = server.connectionProperties();
        return DriverManager.getConnection((String) properties.get("spring.datasource.url"),
                (String) properties.get("spring.datasource.username"),
                (String) properties.get("spring.datasource.password"));
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
