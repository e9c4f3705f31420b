package dev.conveyor.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker's claim on a batch of jobs: QUEUED to RUNNING under its lease, the attempt counted, with one
 * guarded statement for the whole batch that also writes each job's history row. A job the statement
 * does not return was not QUEUED (a duplicate delivery, a cancelled job, another worker won): not an
 * error.
 */
public class ClaimStore {

    static final String CLAIM = """
            WITH claimed AS (
                UPDATE conveyor.job
                   SET state = 'RUNNING', version = version + 1, updated_at = :now, attempt = attempt + 1,
                       lease_owner = :worker, lease_until = :leaseUntil, started_at = :now,
                       progress = NULL, error = NULL
                 WHERE id = ANY(:ids) AND (state = 'QUEUED') IS TRUE
             RETURNING *
            ), recorded AS (
                INSERT INTO conveyor.job_event (job_id, from_state, to_state, attempt, worker, message, at)
                SELECT id, 'QUEUED', 'RUNNING', attempt, :worker, NULL, :now FROM claimed
            )
            SELECT * FROM claimed
            """;

    private final JdbcClient jdbc;
    private final JobRowMapper rows;
    private final Clock clock;

    public ClaimStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.rows = new JobRowMapper(json);
        this.clock = clock;
    }

    /**
     * Claims every job of {@code ids} that is QUEUED for {@code worker}, each once however often it is
     * listed, and returns the claimed jobs.
     *
     * <p>The scheduler publishes a job inside the transaction that queues it, so its message can arrive
     * before that commit. A guarded UPDATE does not wait for a row whose committed state does not match;
     * for the jobs the first statement missed, waiting once for their row locks and claiming them again
     * closes that gap, at the cost of one extra round trip only when something was missed.
     */
    public List<Job> claim(Collection<UUID> ids, String worker, Duration lease) {
        Set<UUID> wanted = new TreeSet<>(ids);
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Job> claimed = new ArrayList<>(tryClaim(wanted, worker, lease));
        if (claimed.size() == wanted.size()) {
            return claimed;
        }
        Set<UUID> missed = new TreeSet<>(wanted);
        claimed.forEach(job -> missed.remove(job.id()));
        RowLocks.awaitJobsCommitted(jdbc, missed);
        claimed.addAll(tryClaim(missed, worker, lease));
        return claimed;
    }

    private List<Job> tryClaim(Set<UUID> ids, String worker, Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql(CLAIM)
                .param("ids", SqlArrays.of("uuid", ids.toArray()))
                .param("worker", worker)
                .param("now", Timestamps.of(now))
                .param("leaseUntil", Timestamps.of(now.plus(lease)))
                .query(rows)
                .list();
    }
}
