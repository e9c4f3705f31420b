package dev.conveyor.frontend.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A SHA-256 of a submission in canonical form (keys sorted at every level, no whitespace, runAt and
 * timeout normalised by their types), so a retry that differs only in formatting or key order still
 * counts as the same request, and a reused key with different content does not.
 */
final class RequestFingerprint {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RequestFingerprint() {
    }

    static String of(String tenant, SubmitJobRequest request) {
        // defaults are applied first, so leaving out maxAttempts and sending 3 are the same request
        SubmitJobRequest normalised = new SubmitJobRequest(request.type(),
                request.params() == null ? java.util.Map.of() : request.params(), request.runAt(),
                request.maxAttempts() == null ? JobSubmissionService.DEFAULT_MAX_ATTEMPTS : request.maxAttempts(),
                request.timeout(), request.labels() == null || request.labels().isEmpty() ? null : request.labels());
        String canonical = tenant + "\n" + CANONICAL.writeValueAsString(normalised);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
