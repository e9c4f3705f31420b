package dev.conveyor.frontend.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A read-only view of {@code conveyor.schedule_firing}: what one tick or manual trigger started. */
@Entity
@Immutable
@Table(name = "schedule_firing", schema = "conveyor")
class ScheduleFiringEntity {

    @Id
    private UUID id;
    @Column(name = "schedule_id")
    private UUID scheduleId;
    @Column(name = "fire_time")
    private Instant fireTime;
    private boolean manual;
    private String outcome;
    @Column(name = "job_id")
    private UUID jobId;
    @Column(name = "manifest_id")
    private UUID manifestId;
    private String message;
    @Column(name = "fired_at")
    private Instant firedAt;

    protected ScheduleFiringEntity() {
        // for Hibernate
    }

    FiringView toView() {
        return new FiringView(fireTime, manual, outcome, jobId, manifestId, message, firedAt);
    }
}
