package dev.conveyor.scheduler.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a typed topic the first time this instance sends to it, with the service's partition layout. A
 * producer alone would leave that to the broker's auto-creation (one partition by default, or an error where
 * it is disabled), and the partition count caps how many workers of a type consume in parallel. A topic that
 * exists is left as it is. Checked once per topic and process; later sends cost a set lookup.
 */
public class TypedTopics {

    private final Map<String, Object> adminConfig;
    private final int partitions;
    private final short replicationFactor;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public TypedTopics(Map<String, Object> adminConfig, int partitions, short replicationFactor) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    public void ensure(String topic) {
        if (known.contains(topic)) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all()
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + topic + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
        known.add(topic);
    }
}
