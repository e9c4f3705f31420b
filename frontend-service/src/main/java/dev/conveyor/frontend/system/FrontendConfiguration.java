package dev.conveyor.frontend.system;

import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.store.StoreConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Wires the shared stores, the clock and the topic router into this service. */
@Configuration(proxyBeanMethods = false)
@Import(StoreConfiguration.class)
class FrontendConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TopicRouter topicRouter(RoutingProperties routing) {
        return new TopicRouter(routing.routes());
    }
}
