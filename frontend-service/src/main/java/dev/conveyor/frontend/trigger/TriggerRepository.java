package dev.conveyor.frontend.trigger;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** How the API reads triggers: by id within a tenant, and a tenant's triggers newest first (file_trigger_list). */
interface TriggerRepository extends Repository<TriggerEntity, UUID>, JpaSpecificationExecutor<TriggerEntity> {

    Optional<TriggerEntity> findByIdAndTenant(UUID id, String tenant);

    boolean existsByIdAndTenant(UUID id, String tenant);

    static PredicateSpecification<TriggerEntity> ofTenant(String tenant) {
        return (trigger, builder) -> builder.equal(trigger.get("tenant"), tenant);
    }
}
