package dev.conveyor.frontend.webhook;

import dev.conveyor.common.net.UrlPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The URLs a {@code notify} may name, checked when the job, manifest or schedule is submitted (the scheduler checks
 * them again before each delivery with its own {@code conveyor.scheduler.webhooks.*}).
 *
 * @param allowedSchemes URL schemes a receiver may use
 * @param allowedHosts hosts a receiver may have ({@code *.example.com} for subdomains); empty allows any public host
 * @param allowPrivateAddresses whether receivers may resolve to loopback, link-local, private or unique-local
 *     addresses
 */
@ConfigurationProperties("conveyor.frontend.webhooks")
public record WebhookProperties(
        @DefaultValue("https,http") List<String> allowedSchemes,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    public UrlPolicy urlPolicy() {
        return new UrlPolicy(Set.copyOf(items(allowedSchemes)), items(allowedHosts), allowPrivateAddresses);
    }

    /** A default of {@code "https,http"} binds as one element. */
    private static List<String> items(List<String> values) {
        return values.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(value -> !value.isEmpty()).toList();
    }
}
