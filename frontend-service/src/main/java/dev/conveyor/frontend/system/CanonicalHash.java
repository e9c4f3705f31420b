package dev.conveyor.frontend.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A SHA-256 of a request in canonical JSON (keys sorted at every level, no whitespace), so a retry
 * that differs only in formatting or key order hashes the same, and different content does not.
 * Callers normalise defaults first; the tenant is part of the hash because keys are per tenant.
 */
public final class CanonicalHash {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CanonicalHash() {
    }

    public static String of(String tenant, Object normalisedRequest) {
        String canonical = tenant + "\n" + CANONICAL.writeValueAsString(normalisedRequest);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
