package dev.conveyor.worker.system;

import dev.conveyor.store.JobStore;
import dev.conveyor.store.JobTypeStore;
import dev.conveyor.store.JsonColumns;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The shared job store, wired to Boot's primary DataSource (the job database, not the warehouse). */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    @Bean
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
    JobTypeStore jobTypeStore(JdbcClient jdbc, Clock clock) {
        return new JobTypeStore(jdbc, clock);
    }
}
