package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.job.JobState;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one move the shared {@code JobStore} does not offer: SUBMITTED to WAITING, for a job whose
 * dependencies have not succeeded yet. Same shape as the store's moves: one guarded UPDATE that
 * appends to the history in the same statement, so the row and its history never disagree.
 */
public class WaitingJobs {

    private static final String WAIT = """
            WITH moved AS (
                UPDATE conveyor.job
                   SET state = 'WAITING', version = version + 1, updated_at = :now
                 WHERE id = :id AND state = :from
             RETURNING id, attempt
            ), recorded AS (
                INSERT INTO conveyor.job_event (job_id, from_state, to_state, attempt, message, at)
                SELECT id, CAST(:from AS text), 'WAITING', attempt, CAST(:message AS text), :now FROM moved
            )
            SELECT count(*) FROM moved
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    public WaitingJobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** False when the job was no longer in {@code from}: another instance moved it first. */
    public boolean markWaiting(UUID id, JobState from, int pendingDependencies) {
        from.checkMoveTo(JobState.WAITING);
        long moved = jdbc.sql(WAIT)
                .param("id", id)
                .param("from", from.name())
                .param("message", "waiting for " + pendingDependencies + " dependencies")
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        return moved == 1;
    }
}
