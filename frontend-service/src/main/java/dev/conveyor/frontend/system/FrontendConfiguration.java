package dev.conveyor.frontend.system;

import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.store.JobInserts;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.store.StoreConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the shared stores, the clock and the topic router into this service. */
@Configuration(proxyBeanMethods = false)
@Import(StoreConfiguration.class)
class FrontendConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The batched insert behind group commit and bulk submission; only the frontend writes new jobs in bulk. */
    @Bean
    JobInserts jobInserts(JdbcClient jdbc, JsonColumns json, Clock clock) {
        return new JobInserts(jdbc, json, clock);
    }

    @Bean
    TopicRouter topicRouter(RoutingProperties routing) {
        return new TopicRouter(routing.routes());
    }
}
