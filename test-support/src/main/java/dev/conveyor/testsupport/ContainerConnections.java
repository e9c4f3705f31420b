package dev.conveyor.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Testcontainers path: Boot derives the connection details from these beans. */
@TestConfiguration(proxyBeanMethods = false)
class ContainerConnections {

    @Bean
    @ServiceConnection
    PostgreSQLContainer postgres() {
        return TestPostgres.container();
    }

    @Bean
    @ServiceConnection
    KafkaContainer kafka() {
        return TestKafka.container();
    }
}
