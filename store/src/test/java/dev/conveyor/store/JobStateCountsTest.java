package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

class JobStateCountsTest {

    @Test
    void counts_waiting_jobs_per_state_and_type_and_leaves_out_finished_ones() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TestJobs testJobs = TestJobs.on(dataSource, Clock.systemUTC());
        Instant firstStored = testJobs.aSubmittedJob().insert().createdAt();
        testJobs.aSubmittedJob().insert(2);
        testJobs.aSubmittedJob().ofType("sleep").insert();
        testJobs.aCancelledJob().insert();

        List<JobStateCounts.Count> counts = new JobStateCounts(jdbc).count(Instant.now());

        assertThat(counts).extracting(JobStateCounts.Count::state, JobStateCounts.Count::type,
                        JobStateCounts.Count::jobs)
                .containsExactlyInAnyOrder(
                        tuple(JobState.SUBMITTED, "noop", 3L),
                        tuple(JobState.SUBMITTED, "sleep", 1L));
        assertThat(counts).filteredOn(count -> count.type().equals("noop")).singleElement()
                .extracting(JobStateCounts.Count::oldestDue).isEqualTo(firstStored);
    }
}
