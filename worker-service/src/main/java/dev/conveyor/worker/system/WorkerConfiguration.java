package dev.conveyor.worker.system;

import dev.conveyor.common.routing.TopicLayout;
import dev.conveyor.store.StoreConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** The shared stores on Boot's primary DataSource (the job database, not the warehouse), the clock and the topic layout. */
@Configuration(proxyBeanMethods = false)
@Import(StoreConfiguration.class)
class WorkerConfiguration {

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
}
