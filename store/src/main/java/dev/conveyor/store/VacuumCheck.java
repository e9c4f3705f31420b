package dev.conveyor.store;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether PostgreSQL cleans up after the job tables. Every state change of a job leaves a dead row version and new
 * index entries behind; autovacuum removes them and keeps the planner's statistics current. Without it the tables
 * and their indexes only grow, and every statement that moves jobs gets slower (on a server with autovacuum off,
 * PostgreSQL spent three times the CPU per job after 30,000 jobs than after a {@code VACUUM (ANALYZE)}).
 */
public class VacuumCheck {

    private static final String TABLES_WITHOUT_AUTOVACUUM = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'conveyor' AND c.relname IN ('job', 'job_event')
               AND EXISTS (SELECT 1 FROM unnest(c.reloptions) AS option
                            WHERE lower(option) IN ('autovacuum_enabled=false', 'autovacuum_enabled=off',
                                                    'autovacuum_enabled=no', 'autovacuum_enabled=0',
                                                    'autovacuum_enabled=f'))
             ORDER BY c.relname
            """;

    private final JdbcClient jdbc;

    public VacuumCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What keeps autovacuum from the job tables, one sentence each; empty when nothing does. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (off("autovacuum")) {
            problems.add("autovacuum is off on the PostgreSQL server");
        }
        if (off("track_counts")) {
            problems.add("track_counts is off on the PostgreSQL server, so autovacuum never sees a table change");
        }
        for (String table : jdbc.sql(TABLES_WITHOUT_AUTOVACUUM).query(String.class).list()) {
            problems.add("autovacuum is disabled for table conveyor." + table);
        }
        return problems;
    }

    private boolean off(String setting) {
        return "off".equalsIgnoreCase(jdbc.sql("SHOW " + setting).query(String.class).single());
    }
}
