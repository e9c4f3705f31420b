package dev.conveyor.scheduler.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JobOutcomeIT extends SchedulerIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void counts_finished_jobs_by_type_and_outcome() {
        String type = "outcome-" + UUID.randomUUID().toString().substring(0, 8);
        UUID succeeded = UUID.randomUUID();
        UUID failed = UUID.randomUUID();

        publish(new JobSucceeded(1, succeeded, "default", type, 1, null, "w-1", Map.of("rows", 1), Instant.now()));
        publish(new JobFailed(1, failed, "default", type, 3, null, "w-1", "boom", false, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count(type, "succeeded")).isEqualTo(1.0);
            assertThat(count(type, "failed")).isEqualTo(1.0);
        });
    }

    private double count(String type, String outcome) {
        Counter counter = meters.find("conveyor.jobs.finished").tags("type", type, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void publish(JobLifecycleEvent event) {
        KafkaProbe.publish(Topics.EVENTS, event.jobId(), event);
    }
}
