package dev.conveyor.frontend.system;

import java.util.function.Supplier;

/**
 * An Idempotency-Key with the fingerprint ({@link CanonicalHash}) of the request that sent it. The unique index on
 * (tenant, key) lets one submission hold a key; a later request with that key repeats the submission when its
 * fingerprint is the same, and is refused (409) when it is not.
 */
public record IdempotentRequest(String key, String requestHash) {

    /** Whether the submission stored under this key, with {@code storedHash}, came from this same request. */
    public boolean repeats(String storedHash) {
        return requestHash.equals(storedHash);
    }

    /**
     * The answer to this request when the key is already held: the earlier submission's result, or a 409 when
     * the key was used for a different request.
     *
     * @param stored reads the earlier submission's result; not called for a 409
     */
    public <T> Submission<T> replay(String storedHash, Supplier<T> stored) {
        if (!repeats(storedHash)) {
            throw new IdempotencyKeyReusedException(key);
        }
        return Submission.replayed(stored.get());
    }
}
