package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;

/** Reads a {@code conveyor.job} row ({@code SELECT *} or {@code RETURNING *}) into a {@link Job}. */
final class JobRowMapper implements RowMapper<Job> {

    private final JsonColumns json;

    JobRowMapper(JsonColumns json) {
        this.json = json;
    }

    @Override
    public Job mapRow(ResultSet rs, int rowNum) throws SQLException {
        long timeoutMs = rs.getLong("timeout_ms");
        Duration timeout = rs.wasNull() ? null : Duration.ofMillis(timeoutMs);
        return new Job(
                rs.getObject("id", UUID.class),
                rs.getString("tenant"),
                rs.getString("type"),
                json.readObject(rs.getString("params")),
                json.readLabels(rs.getString("labels")),
                JobState.valueOf(rs.getString("state")),
                rs.getInt("attempt"),
                rs.getInt("max_attempts"),
                timeout,
                instant(rs, "not_before"),
                rs.getString("lease_owner"),
                instant(rs, "lease_until"),
                rs.getBoolean("cancel_requested"),
                json.readObject(rs.getString("progress")),
                json.readObject(rs.getString("result")),
                rs.getString("error"),
                rs.getString("idempotency_key"),
                rs.getString("request_hash"),
                rs.getObject("manifest_id", UUID.class),
                rs.getString("job_key"),
                rs.getInt("pending_dependencies"),
                rs.getObject("parent_id", UUID.class),
                rs.getInt("depth"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "queued_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getLong("version"),
                rs.getString("trace_parent"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
