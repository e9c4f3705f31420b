package dev.conveyor.frontend.schedule;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** How the API reads schedules: by id within a tenant, and a tenant's schedules newest first (schedule_list). */
interface ScheduleRepository extends Repository<ScheduleEntity, UUID>, JpaSpecificationExecutor<ScheduleEntity> {

    Optional<ScheduleEntity> findByIdAndTenant(UUID id, String tenant);

    boolean existsByIdAndTenant(UUID id, String tenant);

    static PredicateSpecification<ScheduleEntity> ofTenant(String tenant) {
        return (schedule, builder) -> builder.equal(schedule.get("tenant"), tenant);
    }
}
