package dev.conveyor.frontend.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes keys and the hashes they are stored as. A key is {@code cvk_} and 256 random bits; only its SHA-256
 * is kept. A slow password hash (bcrypt, argon2) protects guessable secrets: nobody can enumerate 2^256 keys
 * whatever the hash costs, and a fast hash keeps the per-request lookup to one indexed read.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "cvk_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
