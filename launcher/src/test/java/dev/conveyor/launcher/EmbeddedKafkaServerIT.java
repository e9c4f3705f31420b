package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's own broker: a topic created on first use with the partitions asked for, a record there and
 * back, and the topic and the group's committed offset still there when it starts again on its directory.
 */
class EmbeddedKafkaServerIT {

    @TempDir
    Path directory;

    @Test
    void serves_producers_and_consumer_groups_and_creates_topics_on_first_use() throws Exception {
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(directory, 3)) {
            String bootstrap = kafka.bootstrapServers();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("conveyor.jobs.first-use", "key", "hello")).get();
            }

            List<String> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "embedded-broker-it",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of("conveyor.jobs.first-use"));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        received.add(record.value());
                    }
                    return !received.isEmpty();
                });
                consumer.commitSync();
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicDescription topic = admin.describeTopics(Set.of("conveyor.jobs.first-use"))
                        .allTopicNames().get().get("conveyor.jobs.first-use");

                assertThat(received).containsExactly("hello");
                assertThat(topic.partitions()).hasSize(3);
                assertThat(admin.listConsumerGroupOffsets("embedded-broker-it").partitionsToOffsetAndMetadata().get())
                        .isNotEmpty();
            }
        }

        try (EmbeddedKafkaServer restarted = EmbeddedKafkaServer.start(directory, 3);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        restarted.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("conveyor.jobs.first-use");
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("embedded-broker-it")
                    .partitionsToOffsetAndMetadata().get();
            assertThat(committed.values()).extracting(OffsetAndMetadata::offset).contains(1L);
        }
    }
}
