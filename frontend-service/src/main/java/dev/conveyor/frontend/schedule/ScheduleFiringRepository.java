package dev.conveyor.frontend.schedule;

import java.util.UUID;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** A schedule's firings, newest tick first (schedule_firing_list). */
interface ScheduleFiringRepository extends Repository<ScheduleFiringEntity, UUID>,
        JpaSpecificationExecutor<ScheduleFiringEntity> {

    static PredicateSpecification<ScheduleFiringEntity> ofSchedule(UUID scheduleId) {
        return (firing, builder) -> builder.equal(firing.get("scheduleId"), scheduleId);
    }
}
