package dev.conveyor.store;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stores as beans, for a service to {@code @Import}. The service supplies a {@link JdbcClient} on
 * the job database, a {@link JsonMapper} and a {@link Clock} (tests replace it with one they move).
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

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
}
