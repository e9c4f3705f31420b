package dev.conveyor.frontend.security;

import dev.conveyor.store.ApiKey;
import dev.conveyor.store.ApiKeyStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the caller a presented key belongs to. Every request reads the key's row (one index lookup by hash), so
 * there is no cache to outlive a revocation: a revoked or expired key fails on the next request, on every
 * replica. The bootstrap admin key is compared in memory and works while the database is down.
 */
final class ApiKeyAuthenticator {

    private final ApiKeyStore store;
    private final SecurityProperties properties;
    private final Clock clock;
    private final byte[] bootstrapHash;

    ApiKeyAuthenticator(ApiKeyStore store, SecurityProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.bootstrapHash = properties.hasAdminApiKey() ? ApiKeySecrets.hash(properties.adminApiKey().strip()) : null;
    }

    /** The caller, or empty when the key is unknown, revoked or expired. */
    Optional<Caller> authenticate(String key) {
        byte[] hash = ApiKeySecrets.hash(key);
        if (bootstrapHash != null && MessageDigest.isEqual(hash, bootstrapHash)) {
            return Optional.of(new Caller(null, "bootstrap admin", properties.adminTenant(), EnumSet.of(Role.ADMIN)));
        }
        Instant now = clock.instant();
        return store.findByHash(hash).filter(found -> found.isActive(now)).map(found -> {
            recordUse(found, now);
            return new Caller(found.id(), found.name(), found.tenant(), roles(found));
        });
    }

    /** Only a stale last use is written; the store's guard keeps replicas from writing it together. */
    private void recordUse(ApiKey key, Instant now) {
        if (key.lastUsedAt() == null || !key.lastUsedAt().isAfter(now.minus(properties.lastUseResolution()))) {
            store.recordUse(key.id(), properties.lastUseResolution());
        }
    }

    private static Set<Role> roles(ApiKey key) {
        return key.roles().stream().map(Role::of).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }
}
