package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * How a worker's attempts ended, written in batches: one statement per kind of outcome for any number
 * of jobs, each row guarded by state RUNNING, the lease owner and the attempt, and each move written to
 * the job's history by the same statement. A job the statement does not return was no longer held by
 * this worker on that attempt (its lease expired and the job moved on): its outcome is not recorded.
 *
 * <p>Rows are passed as parallel arrays and joined with {@code unnest}, so a batch costs one round trip
 * whatever its size. How the batch reaches its rows is spelled out for the planner (see the package notes): the
 * rows are found by primary key ({@code j.id = ANY(:ids)}), and the guards form one filter of the join, so
 * statistics that say no job runs or holds a lease cannot make the batch look like one row and be compared with
 * every running job.
 */
public class OutcomeStore {

    /** A successful attempt and its (small) result. */
    public record Success(UUID id, int attempt, Map<String, Object> result) {
    }

    /**
     * An attempt that failed for good; {@code result} keeps what it found (e.g. a check's verdicts),
     * empty keeps the job's result as it was.
     */
    public record Failure(UUID id, int attempt, String error, Map<String, Object> result) {
    }

    /** A failed attempt with attempts left: tried again not before {@code notBefore}. */
    public record Retry(UUID id, int attempt, String error, Instant notBefore) {
    }

    /** A running attempt the worker stopped because someone asked to cancel the job. */
    public record Cancel(UUID id, int attempt, String message) {
    }

    static final String MOVE = """
            WITH moved AS (
                UPDATE conveyor.job AS j
                   SET state = '%2$s', version = j.version + 1, updated_at = :now,
                       lease_owner = NULL, lease_until = NULL %3$s
                  FROM unnest(:ids, :attempts, :texts, :extras) AS v(id, attempt, text, extra)
                 WHERE j.id = v.id AND j.id = ANY(:ids)
                   AND (j.state = '%1$s' AND j.lease_owner = :worker AND j.attempt = v.attempt) IS TRUE
             RETURNING j.*, %4$s AS event_message
            ), recorded AS (
                INSERT INTO conveyor.job_event (job_id, from_state, to_state, attempt, worker, message, at)
                SELECT id, '%1$s', '%2$s', attempt, :worker, event_message, :now FROM moved
            )
            SELECT %5$s FROM moved
            """;

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final JobRowMapper rows;
    private final Clock clock;

    public OutcomeStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = new JobRowMapper(json);
        this.clock = clock;
    }

    /** RUNNING to SUCCEEDED with each job's result; returns the ids of the jobs it moved. */
    public Set<UUID> succeed(String worker, List<Success> outcomes) {
        return movedIds(move("id", worker, JobState.SUCCEEDED, ", result = CAST(v.text AS jsonb), finished_at = :now",
                "NULL", sorted(outcomes, Success::id), Success::id, Success::attempt,
                success -> json.write(success.result()), success -> null));
    }

    /** RUNNING to FAILED for good, with each job's error (also its history message); returns the ids moved. */
    public Set<UUID> fail(String worker, List<Failure> outcomes) {
        return movedIds(move("id", worker, JobState.FAILED,
                ", error = v.text, result = COALESCE(CAST(v.extra AS jsonb), j.result), finished_at = :now", "v.text",
                sorted(outcomes, Failure::id), Failure::id, Failure::attempt, failure -> describe(failure.error()),
                failure -> failure.result() == null || failure.result().isEmpty() ? null : json.write(failure.result())));
    }

    /**
     * RUNNING to SCHEDULED: the attempt failed and the job will try again at its {@code notBefore}; returns the
     * ids moved.
     */
    public Set<UUID> retryLater(String worker, List<Retry> outcomes) {
        return movedIds(move("id", worker, JobState.SCHEDULED,
                ", error = v.text, not_before = CAST(v.extra AS timestamptz)", "v.text",
                sorted(outcomes, Retry::id), Retry::id, Retry::attempt, retry -> describe(retry.error()),
                retry -> retry.notBefore().toString()));
    }

    /** RUNNING to CANCELLED, recorded by the worker that stopped the attempt on request; returns the jobs moved. */
    public List<Job> cancelRunning(String worker, List<Cancel> outcomes) {
        return move("*", worker, JobState.CANCELLED, ", finished_at = :now, cancel_requested = false", "v.text",
                sorted(outcomes, Cancel::id), Cancel::id, Cancel::attempt, Cancel::message, cancel -> null)
                .map(statement -> statement.query(rows).list()).orElse(List.of());
    }

    /**
     * The worker knows every other field of the jobs it ran, so the hot outcomes return only ids: decoding whole
     * rows (four JSON columns, six timestamps) took a third of the outcome write's Java time.
     */
    private static Set<UUID> movedIds(Optional<StatementSpec> statement) {
        return statement.map(spec -> Set.copyOf(spec.query(UUID.class).list())).orElse(Set.of());
    }

    /** The statement moving {@code outcomes}, returning the columns {@code returned} of each job moved. */
    private <T> Optional<StatementSpec> move(String returned, String worker, JobState to, String set, String message,
            List<T> outcomes, Function<T, UUID> id, Function<T, Integer> attempt, Function<T, String> text,
            Function<T, String> extra) {
        JobState.RUNNING.checkMoveTo(to);
        if (outcomes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql(MOVE.formatted(JobState.RUNNING.name(), to.name(), set, message, returned))
                .param("ids", SqlArrays.of("uuid", outcomes.stream().map(id).toArray()))
                .param("attempts", SqlArrays.of("int4", outcomes.stream().map(attempt).toArray()))
                .param("texts", SqlArrays.of("text", outcomes.stream().map(text).toArray()))
                .param("extras", SqlArrays.of("text", outcomes.stream().map(extra).toArray()))
                .param("worker", worker)
                .param("now", Timestamps.of(clock.instant())));
    }

    /** In id order, so batches that overlap lock their rows in the same order and never deadlock. */
    private static <T> List<T> sorted(List<T> outcomes, Function<T, UUID> id) {
        return outcomes.stream().sorted(Comparator.comparing(id)).toList();
    }

    private static String describe(String error) {
        return error == null || error.isBlank() ? "failed without a message" : error;
    }
}
