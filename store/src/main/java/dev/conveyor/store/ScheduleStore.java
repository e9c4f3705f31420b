package dev.conveyor.store;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.common.job.JobState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Schedules and their firings. A tick fires in one transaction: {@link #lockDue} takes the due rows (skipping those
 * another replica holds), {@link #fire} stores the tick's job or manifest with an idempotency key made of the
 * schedule id and the tick and records the firing (unique per tick), and {@link #advance} moves
 * {@code next_fire_at} on, guarded by its old value. Whatever interleaving two replicas or a restart produce, a
 * tick is fired by exactly one committed transaction.
 */
public class ScheduleStore {

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final JobStore jobs;
    private final TemplateWork work;
    private final Clock clock;

    public ScheduleStore(JdbcClient jdbc, JsonColumns json, JobStore jobs, ManifestStore manifests,
            WebhookOutbox webhooks, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.jobs = jobs;
        this.work = new TemplateWork(jobs, manifests, webhooks);
        this.clock = clock;
    }

    /** The job or manifest a firing started, for the overlap check of the next one. */
    public record PreviousWork(UUID jobId, UUID manifestId, boolean finished) {
    }

    /** Stores a new schedule; a name the tenant already uses is a {@code DuplicateKeyException}. */
    public Schedule insert(Schedule schedule) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        INSERT INTO conveyor.schedule (id, tenant, name, cron, time_zone, kind, template, overlap,
                               catch_up, paused, labels, next_fire_at, created_at, updated_at)
                        VALUES (:id, :tenant, :name, :cron, :zone, :kind, CAST(:template AS jsonb), :overlap, :catchUp,
                               :paused, CAST(:labels AS jsonb), :next, :now, :now)
                        RETURNING *
                        """)
                .param("id", schedule.id())
                .param("tenant", schedule.tenant())
                .param("name", schedule.name())
                .param("cron", schedule.cron())
                .param("zone", schedule.timeZone())
                .param("kind", schedule.kind().name())
                .param("template", json.write(schedule.template()))
                .param("overlap", schedule.overlap().name())
                .param("catchUp", schedule.catchUp().name())
                .param("paused", schedule.paused())
                .param("labels", json.write(schedule.labels()))
                .param("next", Timestamps.of(schedule.nextFireAt()))
                .param("now", Timestamps.of(now))
                .query(this::map)
                .single();
    }

    public Optional<Schedule> find(UUID id) {
        return jdbc.sql("SELECT * FROM conveyor.schedule WHERE id = :id").param("id", id).query(this::map).optional();
    }

    /** Locks one schedule until the caller's transaction ends (a manual trigger, a change through the API). */
    public Optional<Schedule> lock(UUID id) {
        return jdbc.sql("SELECT * FROM conveyor.schedule WHERE id = :id FOR UPDATE").param("id", id)
                .query(this::map).optional();
    }

    /**
     * Changes what the API may change, guarded by the version the caller read: empty when the schedule changed or
     * went away meanwhile.
     */
    public Optional<Schedule> update(Schedule changed) {
        return jdbc.sql("""
                        UPDATE conveyor.schedule
                           SET cron = :cron, time_zone = :zone, overlap = :overlap, catch_up = :catchUp,
                               paused = :paused, labels = CAST(:labels AS jsonb), next_fire_at = :next,
                               updated_at = :now, version = version + 1
                         WHERE id = :id AND version = :version
                        RETURNING *
                        """)
                .param("id", changed.id())
                .param("version", changed.version())
                .param("cron", changed.cron())
                .param("zone", changed.timeZone())
                .param("overlap", changed.overlap().name())
                .param("catchUp", changed.catchUp().name())
                .param("paused", changed.paused())
                .param("labels", json.write(changed.labels()))
                .param("next", Timestamps.of(changed.nextFireAt()))
                .param("now", Timestamps.of(clock.instant()))
                .query(this::map)
                .optional();
    }

    /** Deletes the schedule and its firing history; false when the tenant has no such schedule. */
    public boolean delete(UUID id, String tenant) {
        return jdbc.sql("DELETE FROM conveyor.schedule WHERE id = :id AND tenant = :tenant")
                .param("id", id).param("tenant", tenant).update() == 1;
    }

    /**
     * Locks up to {@code limit} active schedules whose next tick is due, earliest first, skipping the rows another
     * transaction holds: two replicas take disjoint sets. Call it inside a transaction.
     */
    public List<Schedule> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT * FROM conveyor.schedule
                         WHERE NOT paused AND next_fire_at IS NOT NULL AND next_fire_at <= :now
                         ORDER BY next_fire_at
                         LIMIT :limit
                           FOR UPDATE SKIP LOCKED
                        """)
                .param("now", Timestamps.of(now))
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /** The earliest next tick of any active schedule: when the firing loop must wake up. */
    public Optional<Instant> earliestNextFire() {
        return jdbc.sql("SELECT min(next_fire_at) FROM conveyor.schedule WHERE NOT paused AND next_fire_at IS NOT NULL")
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant))
                .single();
    }

    /**
     * Moves the next tick from {@code from} to {@code to} (null: never again). False when {@code next_fire_at} is no
     * longer {@code from}: another transaction fired that tick, and this one must not commit its firing.
     */
    public boolean advance(UUID id, Instant from, Instant to) {
        return jdbc.sql("""
                        UPDATE conveyor.schedule SET next_fire_at = :to, updated_at = :now, version = version + 1
                         WHERE id = :id AND next_fire_at = :from
                        """)
                .param("id", id)
                .param("from", Timestamps.of(from))
                .param("to", Timestamps.of(to))
                .param("now", Timestamps.of(clock.instant()))
                .update() == 1;
    }

    /** The job or manifest of the schedule's latest firing that started one, with whether it has finished. */
    public Optional<PreviousWork> previousWork(UUID scheduleId) {
        return jdbc.sql("""
                        SELECT f.job_id, f.manifest_id,
                               COALESCE(j.state IN (%s), m.state <> 'RUNNING', true) AS finished
                          FROM conveyor.schedule_firing f
                          LEFT JOIN conveyor.job j ON j.id = f.job_id
                          LEFT JOIN conveyor.manifest m ON m.id = f.manifest_id
                         WHERE f.schedule_id = :id AND f.outcome = 'FIRED'
                         ORDER BY f.fired_at DESC, f.id DESC
                         LIMIT 1
                        """.formatted(JobStateLists.TERMINAL))
                .param("id", scheduleId)
                .query((rs, n) -> new PreviousWork(rs.getObject("job_id", UUID.class),
                        rs.getObject("manifest_id", UUID.class), rs.getBoolean("finished")))
                .optional();
    }

    /**
     * Stores the job or manifest of one tick (or of a manual trigger) and records the firing. Run it inside the
     * transaction that advances the schedule. Its idempotency key is {@code schedule:<id>:<tick>}, so even a
     * firing that got past every other guard could not store a tick's work twice.
     */
    public StartedWork fire(Schedule schedule, Instant tick, boolean manual) {
        String key = "schedule:" + schedule.id() + ":" + (manual ? "manual:" + TimeOrderedIds.next() : tick);
        StartedWork fired = work.store(schedule.tenant(), schedule.kind(), schedule.template(), key);
        record(schedule.id(), tick, manual, "FIRED", fired.jobId(), fired.manifestId(), null);
        return fired;
    }

    /**
     * Cancels what the previous firing started and has not finished: jobs no worker holds become CANCELLED at
     * once, running ones are asked to stop and their workers record CANCELLED. Returns the jobs cancelled now.
     */
    public List<Job> cancelPrevious(PreviousWork previous, String message) {
        // locked, so the state read is the one the guarded move below starts from
        List<Job> unfinished = jdbc.sql("""
                        SELECT * FROM conveyor.job WHERE id = :job OR manifest_id = :manifest ORDER BY id FOR UPDATE
                        """)
                .param("job", previous.jobId())
                .param("manifest", previous.manifestId())
                .query(new JobRowMapper(json))
                .list();
        List<Job> cancelled = new java.util.ArrayList<>();
        for (Job job : unfinished) {
            if (job.state() == JobState.RUNNING) {
                jobs.requestCancel(job.id());
            } else if (!job.state().isTerminal()) {
                jobs.cancel(job.id(), job.state(), message).ifPresent(cancelled::add);
            }
        }
        return cancelled;
    }

    /** Records a tick that started nothing, e.g. because the previous firing's work was still running. */
    public void recordSkipped(UUID scheduleId, Instant tick, String message) {
        record(scheduleId, tick, false, "SKIPPED", null, null, message);
    }

    /** Records a tick whose work could not be stored (e.g. its job type is no longer registered). */
    public void recordFailed(UUID scheduleId, Instant tick, String message) {
        record(scheduleId, tick, false, "FAILED", null, null, message);
    }

    private void record(UUID scheduleId, Instant tick, boolean manual, String outcome, UUID jobId, UUID manifestId,
            String message) {
        jdbc.sql("""
                        INSERT INTO conveyor.schedule_firing (id, schedule_id, fire_time, manual, outcome, job_id,
                               manifest_id, message, fired_at)
                        VALUES (:id, :schedule, :tick, :manual, :outcome, :job, :manifest, :message, :now)
                        """)
                .param("id", TimeOrderedIds.next())
                .param("schedule", scheduleId)
                .param("tick", Timestamps.of(tick))
                .param("manual", manual)
                .param("outcome", outcome)
                .param("job", jobId)
                .param("manifest", manifestId)
                .param("message", message)
                .param("now", Timestamps.of(clock.instant()))
                .update();
    }

    private Schedule map(ResultSet rs, int rowNum) throws SQLException {
        java.sql.Timestamp next = rs.getTimestamp("next_fire_at");
        return new Schedule(
                rs.getObject("id", UUID.class),
                rs.getString("tenant"),
                rs.getString("name"),
                rs.getString("cron"),
                rs.getString("time_zone"),
                Schedule.Kind.valueOf(rs.getString("kind")),
                json.readObject(rs.getString("template")),
                Schedule.Overlap.valueOf(rs.getString("overlap")),
                Schedule.CatchUp.valueOf(rs.getString("catch_up")),
                rs.getBoolean("paused"),
                json.readLabels(rs.getString("labels")),
                next == null ? null : next.toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }
}
