package dev.conveyor.frontend.security;

import dev.conveyor.common.net.UrlPolicy;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The workers' URL rules for {@code load} sources, read by the API too (same keys, same defaults as the worker's
 * {@code LoadProperties}), so a URL a worker would refuse is refused when the job is submitted.
 */
@ConfigurationProperties("conveyor.worker.load")
public record LoadUrlProperties(
        @DefaultValue("https,http") List<String> allowedSchemes,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    UrlPolicy urlPolicy() {
        return new UrlPolicy(Set.copyOf(allowedSchemes), allowedHosts, allowPrivateAddresses);
    }
}
