package dev.conveyor.worker.system;

import dev.conveyor.store.StoreConfiguration;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The shared stores on Boot's primary DataSource (the job database, not the warehouse), and the clock. */
@Configuration(proxyBeanMethods = false)
@Import(StoreConfiguration.class)
class WorkerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
