package dev.conveyor.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalogue of job types. Workers register the handlers they carry at start-up; the API reads
 * the catalogue to reject unknown types and invalid params before a job is stored.
 */
public class JobTypeStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public JobTypeStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds the type or replaces its schema and description: the last worker to start wins. */
    public void register(String type, String paramsSchema, String description, String registeredBy) {
        jdbc.sql("""
                        INSERT INTO conveyor.job_type (type, params_schema, description, registered_by, updated_at)
                        VALUES (:type, CAST(:schema AS jsonb), :description, :registeredBy, :now)
                        ON CONFLICT (type) DO UPDATE
                           SET params_schema = EXCLUDED.params_schema, description = EXCLUDED.description,
                               registered_by = EXCLUDED.registered_by, updated_at = EXCLUDED.updated_at
                        """)
                .param("type", type)
                .param("schema", paramsSchema)
                .param("description", description)
                .param("registeredBy", registeredBy)
                .param("now", Timestamps.of(clock.instant()))
                .update();
    }

    public List<JobType> findAll() {
        return jdbc.sql("SELECT * FROM conveyor.job_type ORDER BY type").query(this::map).list();
    }

    public Optional<JobType> find(String type) {
        return jdbc.sql("SELECT * FROM conveyor.job_type WHERE type = :type").param("type", type).query(this::map)
                .optional();
    }

    private JobType map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new JobType(rs.getString("type"), rs.getString("params_schema"), rs.getString("description"),
                rs.getString("registered_by"), JobRowMapper.instant(rs, "updated_at"));
    }
}
