package dev.conveyor.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TopicLagIT extends SchedulerIntegrationTest {

    @Autowired
    TopicLag lag;

    @Autowired
    MeterRegistry meters;

    @Test
    void reports_what_each_group_has_not_consumed_of_a_typed_topic_even_before_any_group_reads_it() throws Exception {
        // GIVEN three records on a typed topic no worker group has read
        String type = "lag-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = Topics.typed(type);
        UUID key = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            KafkaProbe.publish(topic, key, Map.of("i", i));
        }

        // WHEN the lag is read
        lag.refresh();

        // THEN all three count as not consumed, for no group
        assertThat(lagOf(topic, TopicLag.NO_GROUP)).isEqualTo(3.0);

        // WHEN a worker group has committed past the first of them and the lag is read again
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets("workers-" + type, Map.of(written(admin, topic), new OffsetAndMetadata(1)))
                    .all().get();
        }
        lag.refresh();

        // THEN that group lags by the two it has not read, and the topic no longer counts as unread by no group
        assertThat(lagOf(topic, "workers-" + type)).isEqualTo(2.0);
        assertThat(lagOf(topic, TopicLag.NO_GROUP)).isZero();
    }

    private static TopicPartition written(Admin admin, String topic) throws Exception {
        for (int p = 0; p < KafkaProbe.partitionCount(topic); p++) {
            TopicPartition partition = new TopicPartition(topic, p);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
            if (end > 0) {
                return partition;
            }
        }
        throw new AssertionError("no partition of " + topic + " holds the records");
    }

    private double lagOf(String topic, String group) {
        return meters.get("conveyor.topic.lag").tag("topic", topic).tag("group", group).gauge().value();
    }
}
