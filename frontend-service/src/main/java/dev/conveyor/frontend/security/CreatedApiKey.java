package dev.conveyor.frontend.security;

import dev.conveyor.store.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The answer to creating a key: the only time the key itself is shown. */
record CreatedApiKey(UUID id, String key, String name, String tenant, List<String> roles, Instant createdAt,
        Instant expiresAt) {

    static CreatedApiKey of(ApiKey stored, String key) {
        return new CreatedApiKey(stored.id(), key, stored.name(), stored.tenant(),
                stored.roles().stream().sorted().toList(), stored.createdAt(), stored.expiresAt());
    }
}
