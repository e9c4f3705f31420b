package dev.conveyor.frontend.job;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import dev.conveyor.frontend.system.PageCursor;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side of jobs. Listing is keyset pagination on (created_at, id), newest first: a page
 * costs the same however deep the client has paged, and rows inserted meanwhile neither repeat nor
 * shift the pages. The query is assembled from the filters given so each shape uses its index
 * (job_list, job_list_by_state, job_list_by_type) and no "param IS NULL OR ..." defeats the planner.
 */
@Repository
@Transactional(readOnly = true)
class JobQueries {

    private final EntityManager entityManager;

    JobQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    Optional<JobEntity> find(String tenant, UUID id) {
        return entityManager.createQuery("select j from JobEntity j where j.id = :id and j.tenant = :tenant",
                        JobEntity.class)
                .setParameter("id", id)
                .setParameter("tenant", tenant)
                .getResultStream()
                .findFirst();
    }

    /** Up to {@code limit} jobs after {@code after} (null: from the newest). */
    List<JobEntity> list(String tenant, String state, String type, PageCursor after, int limit) {
        StringBuilder jpql = new StringBuilder("select j from JobEntity j where j.tenant = :tenant");
        if (state != null) {
            jpql.append(" and j.state = :state");
        }
        if (type != null) {
            jpql.append(" and j.type = :type");
        }
        if (after != null) {
            jpql.append(" and (j.createdAt < :afterCreatedAt or (j.createdAt = :afterCreatedAt and j.id < :afterId))");
        }
        jpql.append(" order by j.createdAt desc, j.id desc");
        TypedQuery<JobEntity> query = entityManager.createQuery(jpql.toString(), JobEntity.class)
                .setParameter("tenant", tenant)
                .setMaxResults(limit);
        if (state != null) {
            query.setParameter("state", state);
        }
        if (type != null) {
            query.setParameter("type", type);
        }
        if (after != null) {
            query.setParameter("afterCreatedAt", after.at()).setParameter("afterId", after.id());
        }
        return query.getResultList();
    }

    List<JobEventEntity> events(UUID jobId) {
        return entityManager.createQuery("select e from JobEventEntity e where e.jobId = :jobId order by e.id",
                        JobEventEntity.class)
                .setParameter("jobId", jobId)
                .getResultList();
    }
}
