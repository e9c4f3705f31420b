package dev.conveyor.worker.support;

import dev.conveyor.common.event.JobDeadLettered;
import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.event.JobSubmitted;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.store.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Plays the scheduler's side in tests: publishes JobDispatched and reads lifecycle events, with plain clients. */
public final class KafkaTestClient implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> events;
    private final List<JobLifecycleEvent> seen = new ArrayList<>();
    private final String bootstrapServers;
    private final Map<String, KafkaConsumer<String, String>> readers = new HashMap<>();
    private final Map<String, List<ConsumerRecord<String, String>>> read = new HashMap<>();

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
        events = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    public void dispatch(Job job) {
        dispatch(Topics.typed(job.type()), job.id().toString(), job);
    }

    /** Publishes the job's JobDispatched on a topic with a key of the test's choosing (the key picks the partition). */
    public void dispatch(String topic, String key, Job job) {
        JobDispatched message = new JobDispatched(JobDispatched.SCHEMA_VERSION, job.id(), job.tenant(), job.type(),
                job.attempt(), job.params(), job.timeout(), job.manifestId(), Instant.now());
        producer.send(new ProducerRecord<>(topic, key, json.writeValueAsString(message)));
        producer.flush();
    }

    public void sendRaw(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
    }

    /** Every lifecycle event of the job read so far (from the start of the events topic). */
    public synchronized List<JobLifecycleEvent> eventsOf(UUID jobId) {
        if (events.assignment().isEmpty()) {
            List<TopicPartition> partitions = events.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            events.assign(partitions);
            events.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(500))) {
            seen.add(json.readValue(record.value(), JobLifecycleEvent.class));
        }
        return seen.stream().filter(event -> event.jobId().equals(jobId)).toList();
    }

    /** The dead letters of the job read so far (from the start of the dead-letter topic). */
    public List<JobDeadLettered> deadLettersOf(UUID jobId) {
        return valuesOn(Topics.DEAD_LETTER, jobId, JobDeadLettered.class);
    }

    /** Every JobDispatched of the job on a typed topic, from its start. */
    public List<JobDispatched> dispatchesOf(String topic, UUID jobId) {
        return valuesOn(topic, jobId, JobDispatched.class);
    }

    /** Every JobSubmitted of the job on {@code conveyor.jobs.submitted}, from its start. */
    public List<JobSubmitted> submissionsOf(UUID jobId) {
        return valuesOn(Topics.SUBMITTED, jobId, JobSubmitted.class);
    }

    private synchronized <T> List<T> valuesOn(String topic, UUID jobId, Class<T> type) {
        KafkaConsumer<String, String> reader = readers.computeIfAbsent(topic, name -> {
            KafkaConsumer<String, String> created = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = created.partitionsFor(name).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            created.assign(partitions);
            created.seekToBeginning(partitions);
            return created;
        });
        List<ConsumerRecord<String, String>> records = read.computeIfAbsent(topic, name -> new ArrayList<>());
        reader.poll(Duration.ofMillis(500)).forEach(records::add);
        return records.stream().filter(record -> jobId.toString().equals(record.key()))
                .map(record -> json.readValue(record.value(), type)).toList();
    }

    @Override
    public void close() {
        producer.close();
        events.close();
        readers.values().forEach(KafkaConsumer::close);
    }
}
