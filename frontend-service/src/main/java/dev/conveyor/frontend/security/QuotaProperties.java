package dev.conveyor.frontend.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fast each tenant may submit jobs. A batch or a manifest counts as its number of jobs. Each replica of the
 * frontend keeps its own buckets, so with n replicas behind a balancer a tenant gets up to n times the rate.
 *
 * @param rate jobs per second every tenant not in {@code tenants} may submit on average; 0 for no limit
 * @param burst jobs such a tenant may submit at once after a pause (the bucket's size); 0 for one second's worth
 * @param tenants tenant -> its own rate and burst, e.g. {@code conveyor.security.quotas.tenants.acme.rate=50}
 */
@Validated
@ConfigurationProperties("conveyor.security.quotas")
public record QuotaProperties(
        @DefaultValue("0") @PositiveOrZero double rate,
        @DefaultValue("0") @PositiveOrZero int burst,
        Map<String, @Valid Limit> tenants) {

    public QuotaProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    /**
     * @param rate jobs per second on average; 0 for no limit
     * @param burst jobs at once after a pause; 0 for one second's worth
     */
    public record Limit(@PositiveOrZero double rate, @PositiveOrZero int burst) {

        /** The bucket's size: the burst, or one second's worth (at least one job). */
        long capacity() {
            return burst > 0 ? burst : Math.max(1, (long) Math.ceil(rate));
        }

        boolean unlimited() {
            return rate <= 0;
        }
    }

    /** The limit of one tenant: its own, or the default. */
    Limit limitOf(String tenant) {
        Limit own = tenants.get(tenant);
        return own != null ? own : new Limit(rate, burst);
    }
}
