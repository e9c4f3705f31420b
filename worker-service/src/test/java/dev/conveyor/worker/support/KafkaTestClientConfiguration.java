package dev.conveyor.worker.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** A {@link KafkaTestClient} on the test context's broker, closed with the context. */
@TestConfiguration(proxyBeanMethods = false)
public class KafkaTestClientConfiguration {

    @Bean(destroyMethod = "close")
    KafkaTestClient kafkaTestClient(Environment environment) {
        return new KafkaTestClient(environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
    }
}
