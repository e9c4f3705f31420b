package dev.conveyor.frontend.security;

import dev.conveyor.store.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key as listed: everything but the secret, which is not stored. */
record ApiKeyView(UUID id, String name, String tenant, List<String> roles, Instant createdAt, Instant lastUsedAt,
        Instant expiresAt, Instant revokedAt) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), key.name(), key.tenant(), key.roles().stream().sorted().toList(),
                key.createdAt(), key.lastUsedAt(), key.expiresAt(), key.revokedAt());
    }
}
