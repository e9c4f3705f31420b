package dev.conveyor.store;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A stored API key: never the key itself, only what it grants and when it was used. */
public record ApiKey(UUID id, String name, String tenant, Set<String> roles, Instant createdAt, Instant lastUsedAt,
        Instant expiresAt, Instant revokedAt) {

    /** False once revoked or past its expiry. */
    public boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
