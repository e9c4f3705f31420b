package dev.conveyor.scheduler.system;

import dev.conveyor.common.routing.TopicLayout;
import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.store.StoreConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** Wires the plain-Java pieces (stores, router, clock, payload mapper) the features are built on. */
@Configuration(proxyBeanMethods = false)
@Import(StoreConfiguration.class)
class SchedulerConfiguration {

    /** Tests replace it with a clock they move by hand. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** {@code conveyor.kafka.*}, bound here because the record is shared through common, which knows no Spring. */
    @Bean
    TopicLayout topicLayout(Environment environment) {
        return Binder.get(environment).bindOrCreate("conveyor.kafka", TopicLayout.class);
    }

    @Bean
    BatchTransactions batchTransactions(PlatformTransactionManager transactionManager) {
        return new BatchTransactions(transactionManager);
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
