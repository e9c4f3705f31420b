package dev.conveyor.frontend.system;

/** The headers every API feature reads, checked the same way everywhere. */
public final class RequestHeaders {

    public static final String TENANT = "X-Conveyor-Tenant";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final int MAX_LENGTH = 200;

    private RequestHeaders() {
    }

    /** The tenant header as given (it defaults to "default"); 400 when blank or too long. */
    public static String tenant(String tenant) {
        check(TENANT, tenant);
        if (tenant.isBlank()) {
            throw new InvalidRequestException(TENANT, "must not be blank");
        }
        return tenant;
    }

    /** The Idempotency-Key header, or null when absent; 400 when blank or too long. */
    public static String idempotencyKey(String key) {
        check(IDEMPOTENCY_KEY, key);
        return key;
    }

    private static void check(String name, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_LENGTH)) {
            throw new InvalidRequestException(name, "must be 1 to " + MAX_LENGTH + " characters");
        }
    }
}
