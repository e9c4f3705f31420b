package dev.conveyor.frontend.job;

import java.util.List;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** How the API reads a job's history, which the store appends to with every move it makes. */
interface JobEventRepository extends Repository<JobEventEntity, Long> {

    List<JobEventEntity> findByJobIdOrderById(UUID jobId);
}
