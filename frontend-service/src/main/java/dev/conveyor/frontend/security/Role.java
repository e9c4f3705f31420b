package dev.conveyor.frontend.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a key may do. Each role is its own authority; {@code admin} grants every other one too. */
public enum Role {
    /** Submit jobs, batches and manifests. */
    SUBMIT,
    /** Read jobs, manifests, dead letters and job types. */
    READ,
    /** Cancel and retry. */
    OPERATE,
    /** Submit jobs that run SQL the caller wrote ({@code sql}, {@code check} with {@code custom}, {@code export} with {@code query}). */
    SQL,
    /** Manage API keys and act for any tenant; implies every other role. */
    ADMIN;

    /** The authority name, as keys store it and the API shows it. */
    public String authority() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String name) {
        for (Role role : values()) {
            if (role.authority().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Every role's name, for error messages. */
    static List<String> names() {
        return Arrays.stream(values()).map(Role::authority).toList();
    }

    /** The roles a key with {@code roles} holds: {@code admin} brings all of them. */
    static Set<Role> effective(Set<Role> roles) {
        return roles.contains(ADMIN) ? EnumSet.allOf(Role.class) : roles.isEmpty()
                ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }
}
