package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

class JobStateCountsTest {

    @Test
    void counts_jobs_per_state_and_leaves_out_states_no_job_is_in() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TestJobs testJobs = TestJobs.on(dataSource, Clock.systemUTC());
        testJobs.aSubmittedJob().insert(3);
        testJobs.aCancelledJob().insert();

        Map<JobState, Long> counts = new JobStateCounts(jdbc).count();

        assertThat(counts).containsOnly(Map.entry(JobState.SUBMITTED, 3L), Map.entry(JobState.CANCELLED, 1L));
    }
}
