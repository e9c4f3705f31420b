package dev.conveyor.frontend.job;

import dev.conveyor.common.job.JobState;
import dev.conveyor.frontend.system.InvalidRequestException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/**
 * How the API reads jobs: by id within a tenant, by idempotency key, as a manifest's members, and as keyset-paged
 * listings (through {@link JpaSpecificationExecutor} and the specifications below). Read-only: it extends
 * {@link Repository}, not {@code CrudRepository}, so there is nothing to save; every change is a store statement.
 */
public interface JobRepository extends Repository<JobEntity, UUID>, JpaSpecificationExecutor<JobEntity> {

    Optional<JobEntity> findByIdAndTenant(UUID id, String tenant);

    boolean existsByIdAndTenant(UUID id, String tenant);

    Optional<JobEntity> findByTenantAndIdempotencyKey(String tenant, String idempotencyKey);

    List<JobEntity> findByTenantAndIdempotencyKeyIn(String tenant, Collection<String> idempotencyKeys);

    /** A manifest's jobs with their dependencies, in one query, in the order they were submitted. */
    @EntityGraph(attributePaths = "dependsOn")
    List<JobEntity> findByManifestIdOrderByCreatedAtAscJobKeyAsc(UUID manifestId);

    /** What a job listing may be narrowed to; null fields do not narrow it. */
    record Filter(JobState state, String type, Label label, Instant since, Instant until) {
    }

    /** A label a listed job must carry: {@code name=value}. */
    record Label(String name, String value) {

        /** {@code name=value}, or null for no label; a 400 naming {@code label} when malformed. */
        static Label parse(String label) {
            if (label == null || label.isBlank()) {
                return null;
            }
            int equals = label.indexOf('=');
            if (equals <= 0) {
                throw new InvalidRequestException("label", "must be name=value");
            }
            return new Label(label.substring(0, equals).strip(), label.substring(equals + 1).strip());
        }
    }

    /**
     * The job listing: a tenant's jobs, narrowed by the filter's fields that are given. Only those become
     * conditions, so a state or type filter uses its index (job_list_by_state, job_list_by_type) and the others
     * walk job_list newest first until a page is full (a rare label reads further).
     */
    static PredicateSpecification<JobEntity> listed(String tenant, Filter filter) {
        PredicateSpecification<JobEntity> listed = (job, builder) -> builder.equal(job.get("tenant"), tenant);
        if (filter.state() != null) {
            listed = listed.and((job, builder) -> builder.equal(job.get("state"), filter.state()));
        }
        if (filter.type() != null && !filter.type().isBlank()) {
            listed = listed.and((job, builder) -> builder.equal(job.get("type"), filter.type()));
        }
        if (filter.label() != null) {
            listed = listed.and((job, builder) -> builder.equal(builder.function("jsonb_extract_path_text",
                    String.class, job.get("labels"), builder.literal(filter.label().name())),
                    filter.label().value()));
        }
        if (filter.since() != null) {
            listed = listed.and((job, builder) ->
                    builder.greaterThanOrEqualTo(job.<Instant>get("createdAt"), filter.since()));
        }
        if (filter.until() != null) {
            listed = listed.and((job, builder) -> builder.lessThan(job.<Instant>get("createdAt"), filter.until()));
        }
        return listed;
    }

    /**
     * Dead letters: a tenant's FAILED jobs, of {@code type} when given, failed at or after {@code since} and before
     * {@code until} when given. FAILED is written as a literal, not a parameter, so the planner can use the partial
     * index job_failed (WHERE state = 'FAILED') whatever plan it caches.
     */
    static PredicateSpecification<JobEntity> failed(String tenant, String type, Instant since, Instant until) {
        PredicateSpecification<JobEntity> failed = (job, builder) -> builder.and(
                builder.equal(job.get("tenant"), tenant),
                builder.equal(job.get("state"), builder.literal(JobState.FAILED)));
        if (type != null && !type.isBlank()) {
            failed = failed.and((job, builder) -> builder.equal(job.get("type"), type));
        }
        if (since != null) {
            failed = failed.and((job, builder) -> builder.greaterThanOrEqualTo(job.<Instant>get("finishedAt"), since));
        }
        if (until != null) {
            failed = failed.and((job, builder) -> builder.lessThan(job.<Instant>get("finishedAt"), until));
        }
        return failed;
    }
}
