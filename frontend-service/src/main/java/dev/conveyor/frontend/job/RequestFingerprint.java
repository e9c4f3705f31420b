package dev.conveyor.frontend.job;

import dev.conveyor.frontend.system.CanonicalHash;
import dev.conveyor.store.NewJob;
import java.util.Map;

/**
 * The fingerprint of a job submission (see {@link CanonicalHash}), with runAt and timeout normalised
 * by their types and defaults applied, so a retry that differs only in formatting, key order or an
 * explicit default still counts as the same request, and a reused key with different content does not.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(String tenant, SubmitJobRequest request) {
        // defaults are applied first, so leaving out maxAttempts and sending 3 are the same request
        SubmitJobRequest normalised = new SubmitJobRequest(request.type(),
                request.params() == null ? Map.of() : request.params(), request.runAt(),
                request.maxAttempts() == null ? NewJob.DEFAULT_MAX_ATTEMPTS : request.maxAttempts(),
                request.timeout(), request.labels() == null || request.labels().isEmpty() ? null : request.labels(),
                request.notification());
        return CanonicalHash.of(tenant, normalised);
    }
}
