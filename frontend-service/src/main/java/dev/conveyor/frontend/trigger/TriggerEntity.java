package dev.conveyor.frontend.trigger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A read-only view of {@code conveyor.file_trigger}; the store writes it. The template stays text. */
@Entity
@Immutable
@Table(name = "file_trigger", schema = "conveyor")
class TriggerEntity {

    @Id
    private UUID id;
    private String tenant;
    private String name;
    @Column(name = "watch_path")
    private String watchPath;
    private String glob;
    private String kind;
    @JdbcTypeCode(SqlTypes.JSON)
    private String template;
    private boolean paused;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected TriggerEntity() {
        // for Hibernate
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String watchPath() {
        return watchPath;
    }

    String glob() {
        return glob;
    }

    String kind() {
        return kind;
    }

    String template() {
        return template;
    }

    boolean paused() {
        return paused;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
