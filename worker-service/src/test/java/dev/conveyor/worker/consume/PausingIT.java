package dev.conveyor.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.store.TestJobs;
import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.testsupport.WithRealInfrastructure;
import dev.conveyor.worker.WorkerApplication;
import dev.conveyor.worker.support.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

@WithRealInfrastructure
@SpringBootTest(properties = {
        "spring.config.name=" + WorkerApplication.CONFIG_NAME,
        "conveyor.worker.group=pausing-it-${random.uuid}",
        "conveyor.worker.concurrency=1",
        "conveyor.warehouse.url=jdbc:duckdb:"})
class PausingIT {

    @Autowired
    JobStore jobs;
    @Autowired
    TestJobs testJobs;
    @Autowired
    JobIntake intake;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Environment environment;

    @Test
    void pauses_while_every_slot_is_busy_and_runs_the_backlog_one_at_a_time() {
        List<Job> queued = testJobs.aQueuedJob().ofType("sleep").withParams(Map.of("seconds", 2)).insert(3);

        try (KafkaTestClient kafka = new KafkaTestClient(environment.getRequiredProperty("spring.kafka.bootstrap-servers"))) {
            queued.forEach(kafka::dispatch);

            // records left on the topic by other tests take the slot for a moment too (their jobs are not in
            // this database, so the claim skips them), so wait for the pause that one of these jobs holds
            await().atMost(Duration.ofSeconds(30)).until(() -> intake.isPauseRequested()
                    && meters.get("conveyor.worker.slots.free").gauge().value() == 0
                    && queued.stream().anyMatch(job -> jobs.find(job.id()).orElseThrow().state() == JobState.RUNNING));
            await().atMost(Duration.ofSeconds(60)).until(() -> queued.stream()
                    .allMatch(job -> jobs.find(job.id()).orElseThrow().state() == JobState.SUCCEEDED));
        }

        // one slot: each job was claimed only after the previous one's handler (a 2 s sleep) returned; the slot
        // frees before the outcome is stored, so the next claim may come before the previous finishedAt
        List<Job> done = queued.stream().map(job -> jobs.find(job.id()).orElseThrow())
                .sorted(Comparator.comparing(Job::startedAt)).toList();
        for (int i = 1; i < done.size(); i++) {
            assertThat(done.get(i).startedAt()).isAfterOrEqualTo(done.get(i - 1).startedAt().plusSeconds(2));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !intake.isPauseRequested());
        assertThat(meters.get("conveyor.jobs.run.time").tag("type", "sleep").timer().count()).isEqualTo(3);
    }
}
