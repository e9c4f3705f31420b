package dev.conveyor.frontend.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A read-only view of {@code conveyor.job}. Writes go through JobStore's guarded statements only;
 * {@code @Immutable} keeps Hibernate from ever flushing a change. jsonb columns stay text here and
 * are parsed with the service's Jackson 3 mapper, not Hibernate's format mapper.
 */
@Entity
@Immutable
@Table(name = "job", schema = "conveyor")
class JobEntity {

    @Id
    private UUID id;
    private String tenant;
    private String type;
    private String state;
    private int attempt;
    @Column(name = "max_attempts")
    private int maxAttempts;
    @JdbcTypeCode(SqlTypes.JSON)
    private String params;
    @JdbcTypeCode(SqlTypes.JSON)
    private String labels;
    @JdbcTypeCode(SqlTypes.JSON)
    private String progress;
    @JdbcTypeCode(SqlTypes.JSON)
    private String result;
    private String error;
    @Column(name = "timeout_ms")
    private Long timeoutMs;
    @Column(name = "not_before")
    private Instant notBefore;
    @Column(name = "manifest_id")
    private UUID manifestId;
    @Column(name = "cancel_requested")
    private boolean cancelRequested;
    @Column(name = "parent_id")
    private UUID parentId;
    private int depth;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "queued_at")
    private Instant queuedAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;

    protected JobEntity() {
        // for Hibernate
    }

    UUID id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    String type() {
        return type;
    }

    String state() {
        return state;
    }

    int attempt() {
        return attempt;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    String params() {
        return params;
    }

    String labels() {
        return labels;
    }

    String progress() {
        return progress;
    }

    String result() {
        return result;
    }

    String error() {
        return error;
    }

    Long timeoutMs() {
        return timeoutMs;
    }

    Instant notBefore() {
        return notBefore;
    }

    UUID manifestId() {
        return manifestId;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    UUID parentId() {
        return parentId;
    }

    int depth() {
        return depth;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant queuedAt() {
        return queuedAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }
}
