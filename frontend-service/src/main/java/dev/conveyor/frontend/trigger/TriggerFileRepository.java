package dev.conveyor.frontend.trigger;

import java.util.UUID;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** A trigger's files, newest first observation first (trigger_file_list). */
interface TriggerFileRepository extends Repository<TriggerFileEntity, UUID>,
        JpaSpecificationExecutor<TriggerFileEntity> {

    static PredicateSpecification<TriggerFileEntity> ofTrigger(UUID triggerId) {
        return (file, builder) -> builder.equal(file.get("triggerId"), triggerId);
    }
}
