package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scheduler's statements on {@code conveyor.job}, one per batch: lock a batch of rows with
 * {@code FOR UPDATE SKIP LOCKED}, then move every row of one kind with one guarded statement that also appends
 * each move to {@code conveyor.job_event}. A row a move does not return was moved by someone else first (a lost
 * race, not an error). Rows are locked in id order, so two batches never wait for each other in a cycle.
 * Call the lock methods inside a transaction and move the rows before it commits.
 */
public class DispatchStore {

    /** One guarded move of many rows; the history row is written by the same statement. */
    static final String MOVE = """
            WITH moved AS (
                UPDATE conveyor.job
                   SET state = :to, version = version + 1, updated_at = :now %s
                 WHERE id = ANY(:ids) AND (state = :from) IS TRUE
             RETURNING *
            ), recorded AS (
                INSERT INTO conveyor.job_event (job_id, from_state, to_state, attempt, message, at)
                SELECT id, CAST(:from AS text), CAST(:to AS text), attempt, %s, :now FROM moved
            )
            SELECT * FROM moved ORDER BY id
            """;

    /**
     * RUNNING to QUEUED or FAILED for rows whose lease expired. The self-join reads the row as it was before the
     * update, so the history names the worker whose lease expired although the update clears it.
     */
    private static final String EXPIRE = """
            WITH moved AS (
                UPDATE conveyor.job j
                   SET state = :to, version = j.version + 1, updated_at = :now,
                       lease_owner = NULL, lease_until = NULL %s
                  FROM conveyor.job prior
                 WHERE prior.id = j.id AND j.id = ANY(:ids) AND (j.state = 'RUNNING') IS TRUE AND j.lease_until < :now
                   AND %s
             RETURNING j.*, prior.lease_owner AS expired_owner
            ), recorded AS (
                INSERT INTO conveyor.job_event (job_id, from_state, to_state, attempt, worker, message, at)
                SELECT id, 'RUNNING', CAST(:to AS text), attempt, expired_owner, %s, :now FROM moved
            )
            SELECT * FROM moved ORDER BY id
            """;

    static final String LOCK_SUBMITTED = """
            SELECT * FROM conveyor.job WHERE id = ANY(:ids) AND (state = 'SUBMITTED') IS TRUE
             ORDER BY id FOR UPDATE SKIP LOCKED
            """;

    private final JdbcClient jdbc;
    private final JobRowMapper rows;
    private final Clock clock;

    public DispatchStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.rows = new JobRowMapper(json);
        this.clock = clock;
    }

    /**
     * Locks the jobs among {@code ids} that are SUBMITTED, skipping rows another transaction holds (the sweep, or
     * another consumer with a duplicate message): whoever holds the row moves it.
     */
    public List<Job> lockSubmitted(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(LOCK_SUBMITTED)
                .param("ids", uuids(ids))
                .query(rows)
                .list();
    }

    /**
     * Locks up to {@code limit} SCHEDULED jobs due by {@code cutoff} ({@code not_before}), or SUBMITTED jobs stored
     * before it ({@code created_at}, their message presumably lost), oldest first, skipping locked rows.
     */
    public List<Job> lockDue(JobState state, Instant cutoff, int limit) {
        String sql = switch (state) {
            case SCHEDULED -> """
                    SELECT * FROM conveyor.job WHERE state = 'SCHEDULED' AND not_before <= :cutoff
                     ORDER BY not_before LIMIT :limit FOR UPDATE SKIP LOCKED
                    """;
            case SUBMITTED -> """
                    SELECT * FROM conveyor.job WHERE state = 'SUBMITTED' AND created_at <= :cutoff
                     ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED
                    """;
            default -> throw new IllegalArgumentException("nothing comes due in state " + state);
        };
        return lockBatch(sql, cutoff, limit);
    }

    /**
     * As {@link #lockDue(JobState, Instant, int)}, leaving out the jobs of {@code tenants} (tenants at their cap on
     * jobs handed to workers): their rows would only be locked and left again, and could fill every batch.
     */
    public List<Job> lockDue(JobState state, Instant cutoff, int limit, Collection<String> tenants) {
        if (tenants.isEmpty()) {
            return lockDue(state, cutoff, limit);
        }
        String sql = switch (state) {
            case SCHEDULED -> """
                    SELECT * FROM conveyor.job WHERE state = 'SCHEDULED' AND not_before <= :cutoff
                       AND NOT tenant = ANY(:tenants)
                     ORDER BY not_before LIMIT :limit FOR UPDATE SKIP LOCKED
                    """;
            case SUBMITTED -> """
                    SELECT * FROM conveyor.job WHERE state = 'SUBMITTED' AND created_at <= :cutoff
                       AND NOT tenant = ANY(:tenants)
                     ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED
                    """;
            default -> throw new IllegalArgumentException("nothing comes due in state " + state);
        };
        return jdbc.sql(sql)
                .param("cutoff", Timestamps.of(cutoff))
                .param("limit", limit)
                .param("tenants", SqlArrays.of("text", tenants.toArray()))
                .query(rows)
                .list();
    }

    /**
     * Locks up to {@code limit} jobs of one tenant that wait for a slot under its cap, oldest first, skipping locked
     * rows: SUBMITTED ones and SCHEDULED ones due by {@code now}. Called when a job of the tenant finished.
     */
    public List<Job> lockWaitingForSlot(String tenant, Instant now, int limit) {
        // one statement per state, each read in created_at order from job_list_by_state (tenant, state, created_at)
        // with its LIMIT, instead of sorting the tenant's whole backlog on every finished job
        List<Job> locked = new ArrayList<>(jdbc.sql("""
                        SELECT * FROM conveyor.job WHERE tenant = :tenant AND state = 'SUBMITTED'
                         ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("tenant", tenant)
                .param("limit", limit)
                .query(rows)
                .list());
        if (locked.size() < limit) {
            locked.addAll(jdbc.sql("""
                            SELECT * FROM conveyor.job
                             WHERE tenant = :tenant AND state = 'SCHEDULED' AND not_before <= :now
                             ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED
                            """)
                    .param("tenant", tenant)
                    .param("now", Timestamps.of(now))
                    .param("limit", limit - locked.size())
                    .query(rows)
                    .list());
        }
        return locked;
    }

    /** Locks up to {@code limit} QUEUED jobs queued (or last re-sent) before {@code cutoff}, skipping locked rows. */
    public List<Job> lockOverdueQueued(Instant cutoff, int limit) {
        return lockBatch("""
                SELECT * FROM conveyor.job WHERE state = 'QUEUED' AND queued_at <= :cutoff
                 ORDER BY queued_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """, cutoff, limit);
    }

    /** Locks up to {@code limit} RUNNING jobs whose lease ended before {@code now}, skipping locked rows. */
    public List<Job> lockExpiredLeases(Instant now, int limit) {
        return lockBatch("""
                SELECT * FROM conveyor.job WHERE state = 'RUNNING' AND lease_until < :cutoff
                 ORDER BY lease_until LIMIT :limit FOR UPDATE SKIP LOCKED
                """, now, limit);
    }

    /** {@code from} (SUBMITTED, WAITING or SCHEDULED) to QUEUED: their messages are about to be sent. */
    public List<Job> queue(List<UUID> ids, JobState from) {
        return move(ids, from, JobState.QUEUED, ", queued_at = :now", "CAST(NULL AS text)");
    }

    /** {@code from} (SUBMITTED or WAITING) to SCHEDULED, each keeping its own {@code not_before}. */
    public List<Job> schedule(List<UUID> ids, JobState from) {
        return move(ids, from, JobState.SCHEDULED, "",
                "'not before ' || to_char(not_before AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
    }

    /**
     * WAITING to SCHEDULED, due at once (or at its own {@code not_before}): its dependencies are done but its
     * tenant has no free slot; a finishing job of the tenant, or the due sweep, queues it.
     */
    public List<Job> holdForSlot(List<UUID> ids, JobState from) {
        return move(ids, from, JobState.SCHEDULED, ", not_before = COALESCE(not_before, :now)",
                "'waiting for a free slot of its tenant'");
    }

    /** SUBMITTED to WAITING: dependencies have not succeeded yet. */
    public List<Job> markWaiting(List<UUID> ids, JobState from) {
        return move(ids, from, JobState.WAITING, "", "'waiting for ' || pending_dependencies || ' dependencies'");
    }

    /** Jobs that can never be handed to a worker (e.g. no valid topic) fail at once with {@code error}. */
    public List<Job> failWithoutRunning(List<UUID> ids, JobState from, String error) {
        if (ids.isEmpty()) {
            return List.of();
        }
        from.checkMoveTo(JobState.FAILED);
        return jdbc.sql(MOVE.formatted(", error = :error, finished_at = :now", "CAST(:error AS text)"))
                .param("ids", uuids(ids))
                .param("from", from.name())
                .param("to", JobState.FAILED.name())
                .param("error", error)
                .param("now", Timestamps.of(clock.instant()))
                .query(rows)
                .list();
    }

    /**
     * RUNNING to QUEUED for jobs whose lease expired and that have attempts left; the lost attempt stays counted.
     */
    public List<Job> requeueExpired(List<UUID> ids, Instant now) {
        return expire(ids, now, JobState.QUEUED, ", queued_at = :now, cancel_requested = false",
                "j.attempt < j.max_attempts", "'lease of ' || expired_owner || ' expired'");
    }

    /** RUNNING to FAILED for jobs whose lease expired on their last attempt. */
    public List<Job> failExpired(List<UUID> ids, Instant now) {
        return expire(ids, now, JobState.FAILED,
                ", finished_at = :now, error = 'lease of ' || prior.lease_owner || ' expired on the last attempt'",
                "j.attempt >= j.max_attempts", "error");
    }

    /**
     * Marks QUEUED jobs as just re-sent ({@code queued_at = now}), so each overdue job is re-sent at most once per
     * period. Not a state change: no history, no version bump (a worker's claim does not care).
     */
    public List<Job> markResent(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE conveyor.job SET queued_at = :now
                         WHERE id = ANY(:ids) AND (state = 'QUEUED') IS TRUE
                        RETURNING *
                        """)
                .param("ids", uuids(ids))
                .param("now", Timestamps.of(clock.instant()))
                .query(rows)
                .list();
    }

    private List<Job> lockBatch(String sql, Instant cutoff, int limit) {
        return jdbc.sql(sql).param("cutoff", Timestamps.of(cutoff)).param("limit", limit).query(rows).list();
    }

    private List<Job> move(List<UUID> ids, JobState from, JobState to, String set, String message) {
        if (ids.isEmpty()) {
            return List.of();
        }
        from.checkMoveTo(to);
        return jdbc.sql(MOVE.formatted(set, message))
                .param("ids", uuids(ids))
                .param("from", from.name())
                .param("to", to.name())
                .param("now", Timestamps.of(clock.instant()))
                .query(rows)
                .list();
    }

    private List<Job> expire(List<UUID> ids, Instant now, JobState to, String set, String guard, String message) {
        if (ids.isEmpty()) {
            return List.of();
        }
        JobState.RUNNING.checkMoveTo(to);
        return jdbc.sql(EXPIRE.formatted(set, guard, message))
                .param("ids", uuids(ids))
                .param("to", to.name())
                .param("now", Timestamps.of(now))
                .query(rows)
                .list();
    }

    /**
     * One array parameter instead of a placeholder per id: the statement text is the same for every
     * batch size, so PostgreSQL and the driver reuse one prepared statement and plan.
     */
    private static Object uuids(Collection<UUID> ids) {
        return SqlArrays.of("uuid", ids.toArray());
    }
}
