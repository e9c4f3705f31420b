package dev.conveyor.scheduler;

import static org.awaitility.Awaitility.await;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Plain Kafka clients, as another service would use them: publish JSON, read a topic from its start. */
public final class KafkaProbe {

    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private KafkaProbe() {
    }

    public static void publish(String topic, UUID key, Object message) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.toString(), JSON.writeValueAsBytes(message))).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /**
     * Every JobDispatched for {@code ids} on {@code topic}, read from the beginning (the broker is shared, so
     * others are filtered out). Waits until each id was seen, then keeps reading for {@code settle} so a
     * duplicate would show.
     */
    public static Map<UUID, List<JobDispatched>> dispatched(String topic, Set<UUID> ids, Duration settle) {
        return messages(topic, JobDispatched.class, JobDispatched::jobId, ids, settle);
    }

    /**
     * Every message of {@code type} on {@code topic} whose id (by {@code idOf}) is one of {@code ids}, read
     * from the beginning; records of other kinds or unreadable as {@code type} are skipped. Waits until
     * each id was seen (at most 30 s), then keeps reading for {@code settle}. Every record must be keyed by
     * its id.
     */
    public static <T> Map<UUID, List<T>> messages(String topic, Class<T> type, Function<T, UUID> idOf, Set<UUID> ids,
            Duration settle) {
        Map<UUID, List<T>> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                partitions.clear();
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                return !partitions.isEmpty();
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            Instant settled = null;
            while (Instant.now().isBefore(deadline) && (settled == null || Instant.now().isBefore(settled))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    T message;
                    try {
                        message = JSON.readValue(record.value(), type);
                    } catch (JacksonException e) {
                        continue;
                    }
                    UUID id = idOf.apply(message);
                    if (ids.contains(id)) {
                        if (!id.toString().equals(new String(record.key(), StandardCharsets.UTF_8))) {
                            throw new AssertionError(type.getSimpleName() + " for " + id + " not keyed by its id");
                        }
                        found.computeIfAbsent(id, key -> new ArrayList<>()).add(message);
                    }
                }
                if (settled == null && found.keySet().containsAll(ids)) {
                    settled = Instant.now().plus(settle);
                }
            }
        }
        return found;
    }

    public static int partitionCount(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe " + topic, e);
        }
    }

    public static Set<UUID> idsOf(List<UUID> ids) {
        return new HashSet<>(ids);
    }
}
