package dev.conveyor.worker.consume;

import dev.conveyor.common.routing.TopicLayout;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.store.ClaimStore;
import dev.conveyor.worker.execution.ExecutionSlots;
import dev.conveyor.worker.execution.JobExecutor;
import dev.conveyor.worker.handler.JobHandlers;
import dev.conveyor.worker.system.WorkerProperties;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    @Bean
    ConsumedTopics consumedTopics(WorkerProperties properties, JobHandlers handlers) {
        if (!properties.topics().isEmpty()) {
            return new ConsumedTopics(properties.topics());
        }
        return new ConsumedTopics(handlers.types().stream().map(Topics::typed).toList());
    }

    /** KafkaAdmin creates these at start-up when missing; existing topics are left as they are. */
    @Bean
    KafkaAdmin.NewTopics workerTopics(ConsumedTopics consumed, TopicLayout kafka) {
        Set<String> names = new LinkedHashSet<>(consumed.names());
        names.add(Topics.EVENTS);
        names.add(Topics.DEAD_LETTER);
        // follow-up jobs are announced here; the scheduler normally creates it first
        names.add(Topics.SUBMITTED);
        return new KafkaAdmin.NewTopics(names.stream()
                .map(name -> TopicBuilder.name(name).partitions(kafka.partitions())
                        .replicas(kafka.replicationFactor()).build())
                .toArray(NewTopic[]::new));
    }

    @Bean
    DispatchListener dispatchListener(JsonMapper mapper, ClaimStore claims, JobExecutor executor, ExecutionSlots slots,
            WorkerProperties properties) {
        return new DispatchListener(mapper, claims, executor, slots, properties.workerId(), properties.lease());
    }

    @Bean
    @SuppressWarnings("unchecked")
    JobIntake jobIntake(ConsumerFactory<?, ?> consumers, DispatchListener listener, ConsumedTopics topics,
            WorkerProperties properties, ExecutionSlots slots, JobExecutor executor) {
        // Boot's factory deserializes keys and values as strings unless configured otherwise
        return new JobIntake((ConsumerFactory<String, String>) consumers, listener, topics, properties, slots,
                executor);
    }
}
