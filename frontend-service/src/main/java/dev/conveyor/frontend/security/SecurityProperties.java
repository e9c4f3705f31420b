package dev.conveyor.frontend.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Authentication of the API.
 *
 * @param enabled false only in tests: every request is then trusted, with the tenant from
 *     {@code X-Conveyor-Tenant}, and a warning is logged on every start
 * @param adminApiKey a bootstrap {@code admin} key ({@code CONVEYOR_ADMIN_API_KEY}), checked in memory and never
 *     stored; blank for none. At least 32 characters.
 * @param adminTenant the tenant the bootstrap key acts for when a request names none
 * @param lastUseResolution how stale a key's {@code last_used_at} may get: a key used all the time writes its row
 *     about once per this interval, not once per request
 * @param tenantJobTypes tenant -> the only job types it may submit; a tenant not listed may submit every type
 */
@Validated
@ConfigurationProperties("conveyor.security")
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        String adminApiKey,
        @DefaultValue("default") @NotBlank String adminTenant,
        @DefaultValue("1m") @NotNull Duration lastUseResolution,
        @DefaultValue Map<String, List<String>> tenantJobTypes) {

    static final int MIN_ADMIN_KEY_LENGTH = 32;

    public SecurityProperties {
        if (enabled && adminApiKey != null && !adminApiKey.isBlank() && adminApiKey.strip().length() < MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalArgumentException("conveyor.security.admin-api-key must be at least "
                    + MIN_ADMIN_KEY_LENGTH + " characters");
        }
        tenantJobTypes = tenantJobTypes == null ? Map.of() : Map.copyOf(tenantJobTypes);
    }

    boolean hasAdminApiKey() {
        return adminApiKey != null && !adminApiKey.isBlank();
    }
}
