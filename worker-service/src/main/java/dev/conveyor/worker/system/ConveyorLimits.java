package dev.conveyor.worker.system;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits shared by every service, under {@code conveyor.*} itself.
 *
 * @param maxDepth how deep follow-up jobs may nest: a job submitted through the API has depth 0, its
 *        follow-up depth 1; a handler submitting a follow-up deeper than this fails for good
 */
@Validated
@ConfigurationProperties("conveyor")
public record ConveyorLimits(@DefaultValue("10") @Min(0) int maxDepth) {
}
