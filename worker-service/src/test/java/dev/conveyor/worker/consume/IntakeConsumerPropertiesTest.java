package dev.conveyor.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.worker.system.WorkerProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class IntakeConsumerPropertiesTest {

    private static final WorkerProperties WORKER = new WorkerProperties("w", List.of(), "conveyor-workers", 1024,
            1000, 2, false, Duration.ofSeconds(10), Duration.ofMinutes(5),
            new WorkerProperties.Retry(Duration.ofSeconds(1), 2, Duration.ofMinutes(5)),
            new WorkerProperties.Sql(100));

    @Test
    void records_put_back_for_want_of_slots_are_fetched_again_within_a_tenth_of_a_second() {
        Properties consumer = JobIntake.consumerProperties(Map.of(), WORKER);

        // not Kafka's 500 ms, which an empty partition's fetch holds the re-fetch of the put-back records for
        assertThat(consumer).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        assertThat(consumer).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        assertThat(consumer).containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        assertThat(consumer).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    }

    @Test
    void kafka_settings_that_name_the_fetch_wait_or_the_session_win() {
        Properties consumer = JobIntake.consumerProperties(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "250",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000"), WORKER);

        assertThat(consumer).doesNotContainKeys(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
    }
}
