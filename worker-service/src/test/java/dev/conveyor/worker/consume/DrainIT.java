package dev.conveyor.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.store.JobMoves;
import com.zaxxer.hikari.HikariDataSource;
import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobEventRecord;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.store.TestJobs;
import dev.conveyor.testsupport.RealInfrastructure;
import dev.conveyor.worker.WorkerApplication;
import dev.conveyor.worker.support.KafkaTestClient;
import dev.conveyor.worker.system.WorkerProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** A worker shutting down while a job runs: the job goes back to the queue, uncounted, and is dispatched again. */
class DrainIT {

    @Test
    void a_closing_worker_hands_a_job_it_could_not_finish_back_to_the_queue() {
        // GIVEN a worker with a one-second drain timeout running a 60 s job
        ConfigurableApplicationContext worker = WorkerApplication.builder()
                .web(WebApplicationType.NONE)
                .initializers(new RealInfrastructure())
                // arguments, because builder properties are defaults that worker.yml overrides
                .run("--conveyor.worker.group=drain-it-" + UUID.randomUUID(),
                        "--conveyor.worker.heartbeat-interval=1s",
                        "--conveyor.worker.drain-timeout=1s",
                        "--conveyor.warehouse.url=jdbc:duckdb:");
        HikariDataSource running = (HikariDataSource) worker.getBean(DataSource.class);
        String workerId = worker.getBean(WorkerProperties.class).workerId();
        String bootstrap = worker.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
        try (HikariDataSource database = copyOf(running); KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            JsonColumns json = new JsonColumns(JsonMapper.builder().build());
            JobStore jobs = new JobStore(JdbcClient.create(database), json, Clock.systemUTC());
            JobMoves moves = new JobMoves(JdbcClient.create(database), json, Clock.systemUTC());
            TestJobs testJobs = new TestJobs(JdbcClient.create(database), json, Clock.systemUTC());
            Job job = testJobs.aQueuedJob().ofType("sleep").withParams(Map.of("seconds", 60)).insert();
            kafka.dispatch(job);
            await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(job.id()).orElseThrow().state() == JobState.RUNNING);
            assertThat(jobs.find(job.id()).orElseThrow().attempt()).isEqualTo(1);

            // WHEN it shuts down
            long started = System.nanoTime();
            worker.close();

            // THEN it did not wait for the job, which is QUEUED again with the attempt not counted
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            Job handedBack = jobs.find(job.id()).orElseThrow();
            assertThat(handedBack.state()).isEqualTo(JobState.QUEUED);
            assertThat(handedBack.attempt()).isZero();
            assertThat(handedBack.leaseOwner()).isNull();
            assertThat(testJobs.history(job.id())).extracting(JobEventRecord::to)
                    .containsExactly(JobState.SUBMITTED, JobState.QUEUED, JobState.RUNNING, JobState.QUEUED);
            // AND the stopped attempt can record nothing any more
            assertThat(moves.succeed(job.id(), workerId, 1, Map.of())).isEmpty();
            assertThat(moves.fail(job.id(), workerId, 1, "late")).isEmpty();
            // AND the job is on its topic again, so another worker starts it at once
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<JobDispatched> dispatches = kafka.dispatchesOf(Topics.typed("sleep"), job.id());
                assertThat(dispatches).hasSize(2);
                assertThat(dispatches.get(1).attempt()).isZero();
                assertThat(dispatches.get(1).params()).isEqualTo(Map.of("seconds", 60));
            });
            assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        } finally {
            worker.close();
        }
    }

    private static HikariDataSource copyOf(HikariDataSource running) {
        HikariDataSource copy = new HikariDataSource();
        copy.setJdbcUrl(running.getJdbcUrl());
        copy.setUsername(running.getUsername());
        copy.setPassword(running.getPassword());
        copy.setMaximumPoolSize(2);
        return copy;
    }
}
