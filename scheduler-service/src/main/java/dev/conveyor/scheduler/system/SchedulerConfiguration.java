package dev.conveyor.scheduler.system;

import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.store.ManifestStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the plain-Java pieces (stores, router, clock, event publisher) the features are built on. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    /** Tests replace it with a clock they move by hand. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JsonColumns jsonColumns(JsonMapper jsonMapper) {
        return new JsonColumns(jsonMapper);
    }

    @Bean
    JobStore jobStore(JdbcClient jdbc, JsonColumns jsonColumns, Clock clock) {
        return new JobStore(jdbc, jsonColumns, clock);
    }

    @Bean
    ManifestStore manifestStore(JdbcClient jdbc, JsonColumns jsonColumns, JobStore jobStore, Clock clock) {
        return new ManifestStore(jdbc, jsonColumns, jobStore, clock);
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
