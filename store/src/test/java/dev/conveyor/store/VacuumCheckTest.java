package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

class VacuumCheckTest {

    @Test
    void finds_nothing_on_a_default_server_and_names_a_job_table_whose_autovacuum_is_disabled() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        VacuumCheck check = new VacuumCheck(jdbc);

        assertThat(check.problems()).isEmpty();

        jdbc.sql("ALTER TABLE conveyor.job_event SET (autovacuum_enabled = off)").update();

        assertThat(check.problems()).containsExactly("autovacuum is disabled for table conveyor.job_event");
    }

    @Test
    void names_a_server_that_runs_without_autovacuum() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("autovacuum", "off").start()) {
            Flyway.configure().dataSource(server.getPostgresDatabase()).schemas("conveyor").load().migrate();
            VacuumCheck check = new VacuumCheck(JdbcClient.create(server.getPostgresDatabase()));

            assertThat(check.problems()).containsExactly("autovacuum is off on the PostgreSQL server");
        }
    }
}
