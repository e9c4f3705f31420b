package dev.conveyor.scheduler.system;

import dev.conveyor.common.routing.TopicLayout;
import dev.conveyor.common.routing.Topics;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the topics the system relies on when they are missing. KafkaAdmin leaves existing topics as
 * they are (it never shrinks them), so every replica can declare them safely. Typed topics without a
 * route are created on first use by the binder with the same partition count (see scheduler.yml).
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics conveyorTopics(TopicLayout kafka, SchedulerProperties scheduler) {
        Set<String> names = new LinkedHashSet<>();
        names.add(Topics.SUBMITTED);
        names.add(Topics.EVENTS);
        names.add(Topics.DEAD_LETTER);
        names.add(Topics.MANIFEST_EVENTS);
        names.addAll(scheduler.routes().values());
        return new KafkaAdmin.NewTopics(names.stream()
                .map(name -> new NewTopic(name, kafka.partitions(), kafka.replicationFactor()))
                .toArray(NewTopic[]::new));
    }
}
