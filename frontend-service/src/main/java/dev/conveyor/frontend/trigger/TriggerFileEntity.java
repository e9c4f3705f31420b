package dev.conveyor.frontend.trigger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A read-only view of {@code conveyor.trigger_file}: one file a trigger saw and what it started. */
@Entity
@Immutable
@Table(name = "trigger_file", schema = "conveyor")
class TriggerFileEntity {

    @Id
    private UUID id;
    @Column(name = "trigger_id")
    private UUID triggerId;
    private String path;
    private long size;
    @Column(name = "modified_at")
    private Instant modifiedAt;
    @Column(name = "first_seen_at")
    private Instant firstSeenAt;
    private String state;
    @Column(name = "job_id")
    private UUID jobId;
    @Column(name = "manifest_id")
    private UUID manifestId;
    private String message;
    @Column(name = "started_at")
    private Instant startedAt;

    protected TriggerFileEntity() {
        // for Hibernate
    }

    TriggerFileView toView() {
        return new TriggerFileView(path, size, modifiedAt, state, jobId, manifestId, message, firstSeenAt, startedAt);
    }
}
