package dev.conveyor.frontend.system;

import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.JobTypeStore;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.store.ManifestStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the shared store (plain JDBC, no Boot) and the topic router into this service. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JsonColumns jsonColumns(JsonMapper mapper) {
        return new JsonColumns(mapper);
    }

    @Bean
    JobStore jobStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        return new JobStore(jdbc, json, clock);
    }

    @Bean
    ManifestStore manifestStore(JdbcClient jdbc, JsonColumns json, JobStore jobs, Clock clock) {
        return new ManifestStore(jdbc, json, jobs, clock);
    }

    @Bean
    JobTypeStore jobTypeStore(JdbcClient jdbc, Clock clock) {
        return new JobTypeStore(jdbc, clock);
    }

    @Bean
    TopicRouter topicRouter(RoutingProperties routing) {
        return new TopicRouter(routing.routes());
    }
}
