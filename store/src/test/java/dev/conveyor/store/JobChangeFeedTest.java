package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

class JobChangeFeedTest {

    @Test
    void reads_every_state_change_after_an_id_with_the_jobs_tenant_in_order() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        TestJobs testJobs = TestJobs.on(dataSource, Clock.systemUTC());
        JobChangeFeed feed = new JobChangeFeed(JdbcClient.create(dataSource));
        testJobs.aSubmittedJob().insert();
        long start = feed.lastId();

        Job cancelled = testJobs.aCancelledJob().forTenant("acme").insert();
        Job queued = testJobs.aQueuedJob().ofType("sleep").insert();

        List<JobChangeFeed.JobChange> changes = feed.after(start, 100);
        assertThat(changes).extracting(JobChangeFeed.JobChange::jobId, JobChangeFeed.JobChange::tenant,
                        JobChangeFeed.JobChange::type, JobChangeFeed.JobChange::state)
                .containsExactly(
                        tuple(cancelled.id(), "acme", "noop", "SUBMITTED"),
                        tuple(cancelled.id(), "acme", "noop", "CANCELLED"),
                        tuple(queued.id(), "default", "sleep", "SUBMITTED"),
                        tuple(queued.id(), "default", "sleep", "QUEUED"));
        assertThat(changes).extracting(JobChangeFeed.JobChange::id).isSorted();
        assertThat(feed.lastId()).isEqualTo(changes.getLast().id());
        assertThat(feed.after(start, 3)).hasSize(3);
        assertThat(feed.after(feed.lastId(), 100)).isEmpty();
        assertThat(feed.byIds(List.of(changes.get(1).id(), changes.get(3).id(), feed.lastId() + 1000)))
                .containsExactly(changes.get(1), changes.get(3));
    }
}
