package dev.conveyor.frontend.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A read-only view of {@code conveyor.schedule}; the store writes it. jsonb columns stay text. */
@Entity
@Immutable
@Table(name = "schedule", schema = "conveyor")
class ScheduleEntity {

    @Id
    private UUID id;
    private String tenant;
    private String name;
    private String cron;
    @Column(name = "time_zone")
    private String timeZone;
    private String kind;
    @JdbcTypeCode(SqlTypes.JSON)
    private String template;
    private String overlap;
    @Column(name = "catch_up")
    private String catchUp;
    private boolean paused;
    @JdbcTypeCode(SqlTypes.JSON)
    private String labels;
    @Column(name = "next_fire_at")
    private Instant nextFireAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ScheduleEntity() {
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

    String cron() {
        return cron;
    }

    String timeZone() {
        return timeZone;
    }

    String kind() {
        return kind;
    }

    String template() {
        return template;
    }

    String overlap() {
        return overlap;
    }

    String catchUp() {
        return catchUp;
    }

    boolean paused() {
        return paused;
    }

    String labels() {
        return labels;
    }

    Instant nextFireAt() {
        return nextFireAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
