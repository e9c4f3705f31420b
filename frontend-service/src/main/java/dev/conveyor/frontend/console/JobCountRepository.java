package dev.conveyor.frontend.console;

import dev.conveyor.frontend.job.JobEntity;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** How many jobs a tenant has in each state: the counts at the top of the console's job list. */
interface JobCountRepository extends Repository<JobEntity, UUID> {

    /** One row per state with at least one job; grouped on the index job_list_by_state (tenant, state, ...). */
    @Query("select j.state as state, count(j) as jobs from JobEntity j where j.tenant = :tenant group by j.state")
    List<StateCount> countByState(@Param("tenant") String tenant);

    interface StateCount {

        dev.conveyor.common.job.JobState getState();

        long getJobs();
    }
}
