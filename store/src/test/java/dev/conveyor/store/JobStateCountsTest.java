package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.testsupport.TestPostgres;
import java.time.Clock;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

class JobStateCountsTest {

    @Test
    void counts_jobs_per_state_and_leaves_out_states_no_job_is_in() {
        TestPostgres.Database database = TestPostgres.newDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).schemas("conveyor").load().migrate();
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
