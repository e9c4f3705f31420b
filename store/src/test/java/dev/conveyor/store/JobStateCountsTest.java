package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

class JobStateCountsTest {

    @Test
    void counts_waiting_jobs_per_state_and_type_and_leaves_out_finished_ones() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JobStore jobs = new JobStore(jdbc, new JsonColumns(JsonMapper.builder().build()), Clock.systemUTC());
        Instant firstStored = jobs.insert(NewJob.of("noop", Map.of())).createdAt();
        for (int i = 0; i < 2; i++) {
            jobs.insert(NewJob.of("noop", Map.of()));
        }
        jobs.insert(NewJob.of("sleep", Map.of()));
        jobs.cancel(jobs.insert(NewJob.of("noop", Map.of())).id(), JobState.SUBMITTED, "not needed");

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
