package dev.conveyor.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements a worker makes on jobs it holds besides their outcome, each guarded by state RUNNING,
 * lease owner and attempt, so a worker that lost its lease changes nothing.
 */
public class LeaseStore {

    static final String RENEW = """
            UPDATE conveyor.job AS j SET lease_until = :leaseUntil
              FROM unnest(:ids, :attempts) AS v(id, attempt)
             WHERE j.id = v.id AND j.id = ANY(:ids)
               AND (j.state = 'RUNNING' AND j.lease_owner = :worker AND j.attempt = v.attempt) IS TRUE
            RETURNING j.id, j.cancel_requested
            """;

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Clock clock;

    public LeaseStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Extends the lease of every running attempt of {@code worker} in one statement, given job id to
     * attempt. Returns, for each lease still held, whether someone asked to cancel the job; a job
     * missing from the answer is no longer held (its lease expired and the job moved on).
     */
    public Map<UUID, Boolean> renew(String worker, Map<UUID, Integer> attempts, Duration lease) {
        if (attempts.isEmpty()) {
            return Map.of();
        }
        // in id order, so a renewal and an outcome batch of the same rows lock them in the same order
        TreeMap<UUID, Integer> ordered = new TreeMap<>(attempts);
        return jdbc.sql(RENEW)
                .param("leaseUntil", Timestamps.of(clock.instant().plus(lease)))
                .param("ids", SqlArrays.of("uuid", ordered.keySet().toArray()))
                .param("attempts", SqlArrays.of("int4", ordered.values().toArray()))
                .param("worker", worker)
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getBoolean("cancel_requested")))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
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
                .param("now", Timestamps.of(now))
                .param("id", id)
                .param("worker", worker)
                .param("attempt", attempt)
                .update() > 0;
    }
}
