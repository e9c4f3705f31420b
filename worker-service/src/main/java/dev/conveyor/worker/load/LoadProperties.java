package dev.conveyor.worker.load;

import dev.conveyor.common.net.UrlPolicy;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What a {@code load} may download: its URL rules and limits.
 *
 * @param allowedSchemes URL schemes a source may use
 * @param allowedHosts hosts a source may name ({@code *.example.com} for subdomains); empty: any host
 *        with a public address
 * @param allowPrivateAddresses whether sources may resolve to loopback, link-local (cloud metadata),
 *        private or unique-local addresses
 * @param maxDownloadSize a larger download fails for good
 * @param downloadTimeout the longest a download may take
 */
@Validated
@ConfigurationProperties("conveyor.worker.load")
public record LoadProperties(
        @DefaultValue("https,http") List<String> allowedSchemes,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("1GB") @NotNull DataSize maxDownloadSize,
        @DefaultValue("30m") @NotNull Duration downloadTimeout) {

    public UrlPolicy urlPolicy() {
        return new UrlPolicy(Set.copyOf(allowedSchemes), allowedHosts, allowPrivateAddresses);
    }
}
