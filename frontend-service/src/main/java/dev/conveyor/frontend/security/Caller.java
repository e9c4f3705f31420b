package dev.conveyor.frontend.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who a request comes from: the key's id (null for the bootstrap admin key), its name, its tenant and the roles
 * it holds, {@code admin}'s implied ones included.
 */
public record Caller(UUID keyId, String name, String tenant, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(Role.effective(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
