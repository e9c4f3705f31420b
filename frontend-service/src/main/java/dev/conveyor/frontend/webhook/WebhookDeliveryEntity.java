package dev.conveyor.frontend.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A read-only view of {@code conveyor.webhook_delivery}; the database and the scheduler write it. */
@Entity
@Immutable
@Table(name = "webhook_delivery", schema = "conveyor")
class WebhookDeliveryEntity {

    @Id
    private UUID id;
    private String tenant;
    @Column(name = "job_id")
    private UUID jobId;
    @Column(name = "manifest_id")
    private UUID manifestId;
    private String event;
    private String url;
    private String state;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "last_status")
    private Integer lastStatus;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "finished_at")
    private Instant finishedAt;

    protected WebhookDeliveryEntity() {
        // for Hibernate
    }

    WebhookDeliveryView toView() {
        return new WebhookDeliveryView(id, event, url, state, attempts,
                "PENDING".equals(state) ? nextAttemptAt : null, lastStatus, lastError, createdAt, finishedAt);
    }
}
