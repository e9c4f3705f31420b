package dev.conveyor.frontend.manifest;

import dev.conveyor.common.manifest.ManifestState;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A read-only view of {@code conveyor.manifest}; the store inserts, finishes and reopens manifests. {@code state}
 * is what the scheduler last recorded, which can lag the jobs by a moment.
 */
@Entity
@Immutable
@Table(name = "manifest", schema = "conveyor")
class ManifestEntity {

    @Id
    private UUID id;
    private String tenant;
    private String name;
    @JdbcTypeCode(SqlTypes.JSON)
    private String labels;
    @Enumerated(EnumType.STRING)
    private ManifestState state;
    private String idempotencyKey;
    private String requestHash;
    private Instant createdAt;
    private Instant finishedAt;

    protected ManifestEntity() {
        // for Hibernate
    }

    UUID id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    String name() {
        return name;
    }

    /** The labels as jsonb text. */
    String labels() {
        return labels;
    }

    ManifestState state() {
        return state;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    String requestHash() {
        return requestHash;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }
}
