package dev.conveyor.store;

import dev.conveyor.common.id.TimeOrderedIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * File-arrival triggers and the files they saw. A scan {@link #observe}s the files of a trigger's directory: a new
 * identity (path, size, modification time) is recorded SEEN, a known one has its {@code last_seen_at} moved on.
 * {@link #stable} lists the SEEN files this scan saw again at least stable-after after their first observation, and
 * {@link #start} stores one file's job or manifest in the transaction that moves its row SEEN -> STARTED (guarded,
 * and only while the trigger is active), with an idempotency key made of the trigger id and the file's identity.
 * Whatever two replicas interleave, a file starts in exactly one committed transaction.
 */
public class TriggerStore {

    /** A SEEN file not observed for this long (it went away before it was stable) is forgotten. */
    static final Duration FORGET_VANISHED = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final TemplateWork work;
    private final Clock clock;

    public TriggerStore(JdbcClient jdbc, JsonColumns json, JobStore jobs, ManifestStore manifests,
            WebhookOutbox webhooks, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.work = new TemplateWork(jobs, manifests, webhooks);
        this.clock = clock;
    }

    /** A file the scan saw twice with the same identity, stable-after apart: ready to start. */
    public record StableFile(UUID id, ObservedFile file) {
    }

    /** Stores a new trigger; a name the tenant already uses is a {@code DuplicateKeyException}. */
    public FileTrigger insert(FileTrigger trigger) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        INSERT INTO conveyor.file_trigger (id, tenant, name, watch_path, glob, kind, template, paused,
                               created_at, updated_at)
                        VALUES (:id, :tenant, :name, :watchPath, :glob, :kind, CAST(:template AS jsonb), :paused, :now,
                               :now)
                        RETURNING *
                        """)
                .param("id", trigger.id())
                .param("tenant", trigger.tenant())
                .param("name", trigger.name())
                .param("watchPath", trigger.watchPath())
                .param("glob", trigger.glob())
                .param("kind", trigger.kind().name())
                .param("template", json.write(trigger.template()))
                .param("paused", trigger.paused())
                .param("now", Timestamps.of(now))
                .query(this::map)
                .single();
    }

    public Optional<FileTrigger> find(UUID id) {
        return jdbc.sql("SELECT * FROM conveyor.file_trigger WHERE id = :id").param("id", id).query(this::map)
                .optional();
    }

    /** Pauses or resumes the tenant's trigger; empty when it has no such trigger. */
    public Optional<FileTrigger> setPaused(UUID id, String tenant, boolean paused) {
        return jdbc.sql("""
                        UPDATE conveyor.file_trigger SET paused = :paused, updated_at = :now, version = version + 1
                         WHERE id = :id AND tenant = :tenant
                        RETURNING *
                        """)
                .param("id", id)
                .param("tenant", tenant)
                .param("paused", paused)
                .param("now", Timestamps.of(clock.instant()))
                .query(this::map)
                .optional();
    }

    /** Deletes the trigger and the record of its files; false when the tenant has no such trigger. */
    public boolean delete(UUID id, String tenant) {
        return jdbc.sql("DELETE FROM conveyor.file_trigger WHERE id = :id AND tenant = :tenant")
                .param("id", id).param("tenant", tenant).update() == 1;
    }

    /** The triggers that are not paused, oldest first. */
    public List<FileTrigger> active() {
        return jdbc.sql("SELECT * FROM conveyor.file_trigger WHERE NOT paused ORDER BY created_at, id")
                .query(this::map).list();
    }

    /**
     * Records one scan of a trigger's directory at {@code seenAt}: new identities SEEN with this first observation,
     * known SEEN ones observed again. A SEEN row of a path seen now with another identity (the file changed) or not
     * observed for a day (it went away) is dropped. Rows are written in path order, so two replicas scanning the
     * same directory lock them in the same order.
     */
    public void observe(UUID triggerId, List<ObservedFile> files, Instant seenAt) {
        List<ObservedFile> ordered = files.stream()
                .sorted(Comparator.comparing(ObservedFile::path).thenComparingLong(ObservedFile::size)
                        .thenComparing(ObservedFile::modifiedAt))
                .toList();
        if (!ordered.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO conveyor.trigger_file AS f (id, trigger_id, path, size, modified_at,
                                   first_seen_at, last_seen_at, state)
                            SELECT v.id, :trigger, v.path, v.size, v.modified_at, :now, :now, 'SEEN'
                              FROM unnest(:ids, :paths, :sizes, CAST(:times AS timestamptz[]))
                                   AS v(id, path, size, modified_at)
                            ON CONFLICT (trigger_id, path, size, modified_at)
                            DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at WHERE f.state = 'SEEN'
                            """)
                    .param("trigger", triggerId)
                    .param("now", Timestamps.of(seenAt))
                    .param("ids", SqlArrays.of("uuid", ordered.stream().map(file -> TimeOrderedIds.next()).toArray()))
                    .param("paths", SqlArrays.of("text", ordered.stream().map(ObservedFile::path).toArray()))
                    .param("sizes", SqlArrays.of("int8", ordered.stream().map(ObservedFile::size).toArray()))
                    .param("times", SqlArrays.of("text",
                            ordered.stream().map(file -> file.modifiedAt().toString()).toArray()))
                    .update();
        }
        jdbc.sql("""
                        DELETE FROM conveyor.trigger_file
                         WHERE trigger_id = :trigger AND state = 'SEEN' AND last_seen_at < :now
                           AND (path = ANY(:paths) OR last_seen_at < :forgetBefore)
                        """)
                .param("trigger", triggerId)
                .param("now", Timestamps.of(seenAt))
                .param("paths", SqlArrays.of("text", ordered.stream().map(ObservedFile::path).distinct().toArray()))
                .param("forgetBefore", Timestamps.of(seenAt.minus(FORGET_VANISHED)))
                .update();
    }

    /**
     * Up to {@code limit} SEEN files of the trigger that the scan at {@code seenAt} observed and that were first
     * observed at least {@code stableAfter} before it, in path order.
     */
    public List<StableFile> stable(UUID triggerId, Instant seenAt, Duration stableAfter, int limit) {
        return jdbc.sql("""
                        SELECT id, path, size, modified_at FROM conveyor.trigger_file
                         WHERE trigger_id = :trigger AND state = 'SEEN' AND last_seen_at = :now
                           AND first_seen_at <= :stableBefore
                         ORDER BY path
                         LIMIT :limit
                        """)
                .param("trigger", triggerId)
                .param("now", Timestamps.of(seenAt))
                .param("stableBefore", Timestamps.of(seenAt.minus(stableAfter)))
                .param("limit", limit)
                .query((rs, n) -> new StableFile(rs.getObject("id", UUID.class), new ObservedFile(
                        rs.getString("path"), rs.getLong("size"), rs.getTimestamp("modified_at").toInstant())))
                .list();
    }

    /**
     * Moves the file SEEN -> STARTED, guarded by its state and the trigger being active, and stores its work from
     * {@code resolved} (the trigger's template with this file's placeholders replaced). Empty when another
     * transaction started the file first, or the trigger was paused or deleted meanwhile: nothing is stored. Run
     * it inside a transaction; a concurrent claim of the same row waits for it and then finds the row STARTED.
     */
    public Optional<StartedWork> start(FileTrigger trigger, StableFile stable, Map<String, Object> resolved) {
        boolean claimed = jdbc.sql("""
                        UPDATE conveyor.trigger_file f SET state = 'STARTED', started_at = :now
                          FROM conveyor.file_trigger t
                         WHERE f.id = :id AND f.state = 'SEEN' AND t.id = f.trigger_id AND NOT t.paused
                        """)
                .param("id", stable.id())
                .param("now", Timestamps.of(clock.instant()))
                .update() == 1;
        if (!claimed) {
            return Optional.empty();
        }
        ObservedFile file = stable.file();
        String key = "trigger:" + trigger.id() + ":" + file.path() + ":" + file.size() + ":" + file.modifiedAt();
        StartedWork started = work.store(trigger.tenant(), trigger.kind(), resolved, key);
        jdbc.sql("UPDATE conveyor.trigger_file SET job_id = :job, manifest_id = :manifest WHERE id = :id")
                .param("id", stable.id())
                .param("job", started.jobId())
                .param("manifest", started.manifestId())
                .update();
        return Optional.of(started);
    }

    /**
     * Records that a file's work cannot be stored (a path leading outside the files directory, a job type no longer
     * registered): SEEN -> FAILED, so it is not tried at every scan. False when it is no longer SEEN.
     */
    public boolean fail(UUID fileId, String message) {
        return jdbc.sql("""
                        UPDATE conveyor.trigger_file SET state = 'FAILED', message = :message, started_at = :now
                         WHERE id = :id AND state = 'SEEN'
                        """)
                .param("id", fileId)
                .param("message", message)
                .param("now", Timestamps.of(clock.instant()))
                .update() == 1;
    }

    private FileTrigger map(ResultSet rs, int rowNum) throws SQLException {
        return new FileTrigger(
                rs.getObject("id", UUID.class),
                rs.getString("tenant"),
                rs.getString("name"),
                rs.getString("watch_path"),
                rs.getString("glob"),
                Schedule.Kind.valueOf(rs.getString("kind")),
                json.readObject(rs.getString("template")),
                rs.getBoolean("paused"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }
}
