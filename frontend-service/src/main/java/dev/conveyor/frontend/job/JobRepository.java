package dev.conveyor.frontend.job;

import dev.conveyor.common.job.JobState;
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

    /**
     * The job listing: a tenant's jobs, in {@code state} and of {@code type} when given. Only the filters given
     * become conditions, so each shape uses its index (job_list, job_list_by_state, job_list_by_type).
     */
    static PredicateSpecification<JobEntity> listed(String tenant, JobState state, String type) {
        PredicateSpecification<JobEntity> listed = (job, builder) -> builder.equal(job.get("tenant"), tenant);
        if (state != null) {
            listed = listed.and((job, builder) -> builder.equal(job.get("state"), state));
        }
        if (type != null && !type.isBlank()) {
            listed = listed.and((job, builder) -> builder.equal(job.get("type"), type));
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
