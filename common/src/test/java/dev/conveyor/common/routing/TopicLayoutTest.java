package dev.conveyor.common.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicLayoutTest {

    @ParameterizedTest(name = "partitions {0}, replication {1} -> {2} and {3}")
    @CsvSource(nullValues = "unset", value = {
            "unset, unset, 12, 1",
            "3,     unset, 3,  1",
            "unset, 2,     12, 2",
            "24,    3,     24, 3"})
    void what_is_not_configured_takes_its_default(Integer partitions, Short replication, int expectedPartitions,
            short expectedReplication) {
        TopicLayout layout = new TopicLayout(partitions, replication);

        assertThat(layout.partitions()).isEqualTo(expectedPartitions);
        assertThat(layout.replicationFactor()).isEqualTo(expectedReplication);
    }

    @ParameterizedTest(name = "partitions {0}, replication {1} names {2}")
    @CsvSource({"0, 1, conveyor.kafka.partitions", "1, 0, conveyor.kafka.replication-factor"})
    void refuses_less_than_one_naming_the_key(Integer partitions, Short replication, String key) {
        assertThatThrownBy(() -> new TopicLayout(partitions, replication)).hasMessageStartingWith(key);
    }
}
