package dev.conveyor.frontend.job;

import dev.conveyor.common.job.JobState;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A read-only view of {@code conveyor.job}, for the job listing, dead letters and manifests. Writes go through the
 * store's guarded statements only; {@code @Immutable} keeps Hibernate from ever flushing a change. jsonb columns
 * stay text here and are parsed with the service's Jackson 3 mapper, not Hibernate's format mapper.
 */
@Entity
@Immutable
@Table(name = "job", schema = "conveyor")
public class JobEntity {

    @Id
    private UUID id;
    private String tenant;
    private String type;
    @Enumerated(EnumType.STRING)
    private JobState state;
    private int attempt;
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
    private Long timeoutMs;
    private Instant notBefore;
    private String idempotencyKey;
    private String requestHash;
    private UUID manifestId;
    private String jobKey;
    private boolean cancelRequested;
    private UUID parentId;
    private int depth;
    private Instant createdAt;
    private Instant queuedAt;
    private Instant startedAt;
    private Instant finishedAt;
    private String traceId;
    @ElementCollection
    @CollectionTable(name = "job_dependency", schema = "conveyor", joinColumns = @JoinColumn(name = "job_id"))
    private Set<UUID> dependsOn;

    protected JobEntity() {
        // for Hibernate
    }

    public UUID id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    public String type() {
        return type;
    }

    public JobState state() {
        return state;
    }

    public int attempt() {
        return attempt;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The params as jsonb text. */
    public String params() {
        return params;
    }

    /** The labels as jsonb text. */
    public String labels() {
        return labels;
    }

    /** The last progress report as jsonb text, or null. */
    public String progress() {
        return progress;
    }

    /** The result as jsonb text, or null. */
    public String result() {
        return result;
    }

    public String error() {
        return error;
    }

    public Long timeoutMs() {
        return timeoutMs;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String requestHash() {
        return requestHash;
    }

    public UUID manifestId() {
        return manifestId;
    }

    public String jobKey() {
        return jobKey;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public UUID parentId() {
        return parentId;
    }

    public int depth() {
        return depth;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant queuedAt() {
        return queuedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** The trace every span of this job belongs to (the submitting request's), or null. */
    public String traceId() {
        return traceId;
    }

    /**
     * The ids of the jobs of its manifest this one depends on. Loaded only with
     * {@link JobRepository#findByManifestIdOrderByCreatedAtAscJobKeyAsc}; anywhere else reading it fails, because
     * it is loaded lazily and the session is gone.
     */
    public Set<UUID> dependsOn() {
        return dependsOn;
    }
}
