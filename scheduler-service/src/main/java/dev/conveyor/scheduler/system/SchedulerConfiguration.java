package dev.conveyor.scheduler.system;

import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.store.StoreConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** Wires the plain-Java pieces (stores, router, clock, event publisher) the features are built on. */
@Configuration(proxyBeanMethods = false)
@Import(StoreConfiguration.class)
class SchedulerConfiguration {

    /** Tests replace it with a clock they move by hand. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventPublisher eventPublisher(StreamBridge streamBridge, MessageJson json) {
        return new EventPublisher(streamBridge, json);
    }

    @Bean
    MessageJson messageJson(JsonMapper jsonMapper) {
        return new MessageJson(jsonMapper);
    }

    @Bean
    TopicRouter topicRouter(SchedulerProperties properties) {
        return new TopicRouter(properties.routes());
    }
}
