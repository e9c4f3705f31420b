package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

class JobStateCountsTest {

    @Test
    void counts_jobs_per_state_and_leaves_out_states_no_job_is_in() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JobStore jobs = new JobStore(jdbc, new JsonColumns(JsonMapper.builder().build()), Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            jobs.insert(NewJob.of("noop", Map.of()));
        }
        jobs.cancel(jobs.insert(NewJob.of("noop", Map.of())).id(), JobState.SUBMITTED, "not needed");

        Map<JobState, Long> counts = new JobStateCounts(jdbc).count();

        assertThat(counts).containsOnly(Map.entry(JobState.SUBMITTED, 3L), Map.entry(JobState.CANCELLED, 1L));
    }
}
