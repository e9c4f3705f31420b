package dev.conveyor.frontend.system;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scheduler's topic routes, read under the scheduler's own key so both services show the same
 * topic for a type. Keys are a job type or {@code tenant.type}; values are topic names.
 */
@ConfigurationProperties("conveyor.scheduler")
public record RoutingProperties(@DefaultValue Map<String, String> routes) {
}
