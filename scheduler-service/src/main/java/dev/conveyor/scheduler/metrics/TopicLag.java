package dev.conveyor.scheduler.metrics;

import dev.conveyor.common.routing.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code conveyor.topic.lag{topic,group}}: records of a typed topic a worker group has not consumed yet, summed over
 * the partitions. Groups that commit on no typed topic (the scheduler's own) are left out by that alone. Read by the scheduler with the Kafka admin API, so the backlog shows while no worker runs. A
 * typed topic no group has committed on yet is reported for {@code group="none"} from its first offset (workers
 * start a new group at the earliest record). The values are the same on every replica: take {@code max}.
 */
public class TopicLag implements AutoCloseable {

    static final String NO_GROUP = "none";
    private static final Set<String> NOT_TYPED = Set.of(Topics.SUBMITTED, Topics.EVENTS, Topics.DEAD_LETTER);

    private record Key(String topic, String group) {
    }

    private final Admin admin;
    private final Set<String> routedTopics;
    private final MeterRegistry meters;
    private final Duration timeout;
    private final Map<Key, AtomicLong> lags = new ConcurrentHashMap<>();

    /** @param routedTopics typed topics routes name, which may not start with the typed prefix */
    public TopicLag(Admin admin, Set<String> routedTopics, MeterRegistry meters, Duration timeout) {
        this.admin = admin;
        this.routedTopics = routedTopics;
        this.meters = meters;
        this.timeout = timeout;
    }

    public void refresh() {
        try {
            Set<String> topics = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(topic -> routedTopics.contains(topic)
                            || topic.startsWith(Topics.TYPED_PREFIX) && !NOT_TYPED.contains(topic))
                    .collect(Collectors.toSet());
            if (topics.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> ends = offsets(partitions(topics), OffsetSpec.latest());
            Map<Key, Long> fresh = new HashMap<>();
            Set<String> consumed = new HashSet<>();
            for (String group : groups()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                committed.forEach((partition, offset) -> {
                    if (offset != null && ends.containsKey(partition)) {
                        consumed.add(partition.topic());
                        fresh.merge(new Key(partition.topic(), group), Math.max(0, ends.get(partition) - offset.offset()),
                                Long::sum);
                    }
                });
            }
            List<TopicPartition> unconsumed = ends.keySet().stream()
                    .filter(partition -> !consumed.contains(partition.topic())).toList();
            if (!unconsumed.isEmpty()) {
                Map<TopicPartition, Long> starts = offsets(unconsumed, OffsetSpec.earliest());
                unconsumed.forEach(partition -> fresh.merge(new Key(partition.topic(), NO_GROUP),
                        ends.get(partition) - starts.getOrDefault(partition, 0L), Long::sum));
            }
            lags.forEach((key, value) -> value.set(fresh.getOrDefault(key, 0L)));
            fresh.forEach((key, lag) -> gauge(key).set(lag));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the lag of the typed topics: " + e, e);
        }
    }

    private AtomicLong gauge(Key key) {
        return lags.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("conveyor.topic.lag", value, AtomicLong::get)
                    .description("Records of a typed topic the worker group has not consumed, as of the last refresh")
                    .tags("topic", k.topic(), "group", k.group())
                    .register(meters);
            return value;
        });
    }

    private Collection<String> groups() throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                .map(GroupListing::groupId)
                .toList();
    }

    private List<TopicPartition> partitions(Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return descriptions.values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .toList();
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
