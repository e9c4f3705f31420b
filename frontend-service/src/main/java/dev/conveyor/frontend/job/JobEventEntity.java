package dev.conveyor.frontend.job;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A read-only view of {@code conveyor.job_event}, the history JobStore appends on every move. */
@Entity
@Immutable
@Table(name = "job_event", schema = "conveyor")
class JobEventEntity {

    @Id
    private long id;
    private UUID jobId;
    private String fromState;
    private String toState;
    private int attempt;
    private String worker;
    private String message;
    private Instant at;

    protected JobEventEntity() {
        // for Hibernate
    }

    JobEventView toView() {
        return new JobEventView(fromState, toState, attempt, worker, message, at);
    }
}
