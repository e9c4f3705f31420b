package dev.conveyor.worker.execution;

import dev.conveyor.store.JsonColumns;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements only a worker makes on a job it holds, each guarded like {@code JobStore}'s by
 * state, lease owner and attempt, so a worker that lost its lease changes nothing.
 */
public class LeaseStore {

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Clock clock;

    public LeaseStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Extends the lease of a running attempt. Empty when the worker no longer holds it (the lease
     * expired and the job moved on); otherwise whether someone asked to cancel the job.
     */
    public Optional<Boolean> renew(UUID id, String worker, int attempt, Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE conveyor.job SET lease_until = :leaseUntil
                         WHERE id = :id AND state = 'RUNNING' AND lease_owner = :worker AND attempt = :attempt
                        RETURNING cancel_requested
                        """)
                .param("leaseUntil", Timestamp.from(now.plus(lease)))
                .param("id", id)
                .param("worker", worker)
                .param("attempt", attempt)
                .query(Boolean.class)
                .optional();
    }

    /** Stores the latest progress report; not a state change, so no history entry. */
    public boolean progress(UUID id, String worker, int attempt, double fraction, String message) {
        Instant now = clock.instant();
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("fraction", fraction);
        progress.put("message", message);
        progress.put("at", now.toString());
        return jdbc.sql("""
                        UPDATE conveyor.job SET progress = CAST(:progress AS jsonb), updated_at = :now
                         WHERE id = :id AND state = 'RUNNING' AND lease_owner = :worker AND attempt = :attempt
                        """)
                .param("progress", json.write(progress))
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("worker", worker)
                .param("attempt", attempt)
                .update() > 0;
    }
}
