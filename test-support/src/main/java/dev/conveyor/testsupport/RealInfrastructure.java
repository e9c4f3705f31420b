package dev.conveyor.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a real PostgreSQL (a fresh database per context) and a real Kafka
 * broker. Where Docker exists it registers {@link ContainerConnections}, whose
 * {@code @ServiceConnection} beans take precedence; otherwise it sets the connection properties of
 * the embedded servers. Use it through {@link WithRealInfrastructure}.
 */
public class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY_SOURCE = "conveyorRealInfrastructure";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>(properties());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        if (Docker.useContainers() && context instanceof BeanDefinitionRegistry registry) {
            registry.registerBeanDefinition("conveyorContainerConnections",
                    new RootBeanDefinition(ContainerConnections.class));
        }
    }

    /** The properties a context (or a launched service) needs to reach the test infrastructure. */
    public static Map<String, String> properties() {
        TestPostgres.Database database = TestPostgres.newDatabase();
        String kafka = TestKafka.bootstrapServers();
        return Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(),
                "spring.kafka.bootstrap-servers", kafka,
                "spring.cloud.stream.kafka.binder.brokers", kafka);
    }
}
