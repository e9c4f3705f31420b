package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves one test job at a time through its states with the statements the services use (the batch stores'
 * guarded moves, each given a batch of one), so a test sets up a QUEUED, RUNNING or finished job the way
 * production gets there. Empty means the guarded statement did not move the job, as in production. Shipped
 * to the services' tests in this module's test jar.
 */
public final class JobMoves {

    private final JdbcClient jdbc;
    private final DispatchStore dispatch;
    private final ClaimStore claims;
    private final OutcomeStore outcomes;
    private final JobRowMapper rows;

    public JobMoves(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.dispatch = new DispatchStore(jdbc, json, clock);
        this.claims = new ClaimStore(jdbc, json, clock);
        this.outcomes = new OutcomeStore(jdbc, json, clock);
        this.rows = new JobRowMapper(json);
    }

    /** {@code from} to QUEUED, as the scheduler's dispatch does before it sends the message. */
    public Optional<Job> queue(UUID id, JobState from) {
        return single(dispatch.queue(List.of(id), from));
    }

    /** {@code from} to SCHEDULED, due at {@code notBefore}. */
    public Optional<Job> schedule(UUID id, JobState from, Instant notBefore) {
        // the dispatch path schedules a job at the not_before it was submitted with; a test picks the time here
        jdbc.sql("UPDATE conveyor.job SET not_before = :notBefore WHERE id = :id AND state = :from")
                .param("notBefore", Timestamps.of(notBefore))
                .param("id", id)
                .param("from", from.name())
                .update();
        return single(dispatch.schedule(List.of(id), from));
    }

    /** QUEUED to RUNNING under {@code worker}'s lease, as a worker's claim does. */
    public Optional<Job> claim(UUID id, String worker, Duration lease) {
        return single(claims.claim(List.of(id), worker, lease));
    }

    public Optional<Job> succeed(UUID id, String worker, int attempt, Map<String, Object> result) {
        return reread(outcomes.succeed(worker, List.of(new OutcomeStore.Success(id, attempt, result))));
    }

    /** RUNNING to FAILED for good. */
    public Optional<Job> fail(UUID id, String worker, int attempt, String error) {
        return reread(outcomes.fail(worker, List.of(new OutcomeStore.Failure(id, attempt, error, Map.of()))));
    }

    /** RUNNING to SCHEDULED: the attempt failed and the job runs again at {@code notBefore}. */
    public Optional<Job> retryLater(UUID id, String worker, int attempt, String error, Instant notBefore) {
        return reread(outcomes.retryLater(worker, List.of(new OutcomeStore.Retry(id, attempt, error, notBefore))));
    }

    /** RUNNING to CANCELLED, recorded by the worker that stopped the attempt. */
    public Optional<Job> cancelRunning(UUID id, String worker, int attempt, String message) {
        return single(outcomes.cancelRunning(worker, List.of(new OutcomeStore.Cancel(id, attempt, message))));
    }

    /** The job an outcome statement moved (it returns only ids), as stored now. */
    private Optional<Job> reread(Set<UUID> moved) {
        return moved.stream().findFirst().map(id -> jdbc.sql("SELECT * FROM conveyor.job WHERE id = :id")
                .param("id", id)
                .query(rows)
                .single());
    }

    private static Optional<Job> single(List<Job> moved) {
        return moved.stream().findFirst();
    }
}
