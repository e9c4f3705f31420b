package dev.conveyor.scheduler.system;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the topics this service creates are laid out. The partition count caps how many workers of
 * one type consume in parallel, so it is generous by default.
 */
@Validated
@ConfigurationProperties("conveyor.kafka")
public record KafkaTopicProperties(
        @DefaultValue("12") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor) {
}
