package dev.conveyor.testsupport;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker shared by the tests of a JVM: a container where Docker exists, else an
 * in-JVM single-node KRaft broker. Tests that stop and restart a broker use {@link KafkaBrokerProcess}.
 */
public final class TestKafka {

    private static String bootstrapServers;
    private static KafkaContainer container;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            if (Docker.useContainers()) {
                container = new KafkaContainer("apache/kafka:4.1.0");
                container.start();
                bootstrapServers = container.getBootstrapServers();
            } else {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 12);
                broker.brokerProperties(java.util.Map.of(
                        "group.initial.rebalance.delay.ms", "0",
                        "auto.create.topics.enable", "true"));
                broker.afterPropertiesSet();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
                bootstrapServers = broker.getBrokersAsString();
            }
        }
        return bootstrapServers;
    }

    /** The container started for this JVM, or null when tests run on the in-JVM broker. */
    public static synchronized KafkaContainer container() {
        bootstrapServers();
        return container;
    }
}
