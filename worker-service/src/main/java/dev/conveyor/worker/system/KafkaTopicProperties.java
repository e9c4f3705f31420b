package dev.conveyor.worker.system;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** How topics this worker creates when they are missing are laid out. */
@Validated
@ConfigurationProperties("conveyor.kafka")
public record KafkaTopicProperties(
        @DefaultValue("12") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor) {
}
