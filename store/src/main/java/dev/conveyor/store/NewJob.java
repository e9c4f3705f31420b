package dev.conveyor.store;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.common.job.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A job about to be stored. Start from {@link #of(String, Map)} and refine with the {@code with...}
 * methods; everything not set has the default a plain {@code POST /api/v1/jobs} would get.
 *
 * @param initialState SUBMITTED for a job the scheduler may dispatch, WAITING for one with dependencies
 */
public record NewJob(
        UUID id,
        String tenant,
        String type,
        Map<String, Object> params,
        Map<String, String> labels,
        JobState initialState,
        int maxAttempts,
        Duration timeout,
        Instant notBefore,
        String idempotencyKey,
        String requestHash,
        UUID manifestId,
        String jobKey,
        int pendingDependencies,
        UUID parentId,
        int depth) {

    public static final String DEFAULT_TENANT = "default";
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public NewJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        tenant = Objects.requireNonNullElse(tenant, DEFAULT_TENANT);
        params = Objects.requireNonNullElse(params, Map.of());
        labels = Objects.requireNonNullElse(labels, Map.of());
        initialState = Objects.requireNonNullElse(initialState, JobState.SUBMITTED);
        if (initialState != JobState.SUBMITTED && initialState != JobState.WAITING) {
            throw new IllegalArgumentException("A new job starts SUBMITTED or WAITING, not " + initialState);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static NewJob of(String type, Map<String, Object> params) {
        return new NewJob(TimeOrderedIds.next(), DEFAULT_TENANT, type, params, Map.of(), JobState.SUBMITTED,
                DEFAULT_MAX_ATTEMPTS, null, null, null, null, null, null, 0, null, 0);
    }

    public NewJob withId(UUID newId) {
        return new NewJob(newId, tenant, type, params, labels, initialState, maxAttempts, timeout, notBefore,
                idempotencyKey, requestHash, manifestId, jobKey, pendingDependencies, parentId, depth);
    }

    public NewJob withTenant(String newTenant) {
        return new NewJob(id, newTenant, type, params, labels, initialState, maxAttempts, timeout, notBefore,
                idempotencyKey, requestHash, manifestId, jobKey, pendingDependencies, parentId, depth);
    }

    public NewJob withLabels(Map<String, String> newLabels) {
        return new NewJob(id, tenant, type, params, newLabels, initialState, maxAttempts, timeout, notBefore,
                idempotencyKey, requestHash, manifestId, jobKey, pendingDependencies, parentId, depth);
    }

    public NewJob withMaxAttempts(int newMaxAttempts) {
        return new NewJob(id, tenant, type, params, labels, initialState, newMaxAttempts, timeout, notBefore,
                idempotencyKey, requestHash, manifestId, jobKey, pendingDependencies, parentId, depth);
    }

    public NewJob withTimeout(Duration newTimeout) {
        return new NewJob(id, tenant, type, params, labels, initialState, maxAttempts, newTimeout, notBefore,
                idempotencyKey, requestHash, manifestId, jobKey, pendingDependencies, parentId, depth);
    }

    public NewJob withNotBefore(Instant newNotBefore) {
        return new NewJob(id, tenant, type, params, labels, initialState, maxAttempts, timeout, newNotBefore,
                idempotencyKey, requestHash, manifestId, jobKey, pendingDependencies, parentId, depth);
    }

    /** @param hash a digest of the request body, so a replay with a different body can be refused */
    public NewJob withIdempotency(String key, String hash) {
        return new NewJob(id, tenant, type, params, labels, initialState, maxAttempts, timeout, notBefore,
                key, hash, manifestId, jobKey, pendingDependencies, parentId, depth);
    }

    /** Places the job in a manifest; with pending dependencies it starts WAITING. */
    public NewJob inManifest(UUID newManifestId, String key, int pending) {
        return new NewJob(id, tenant, type, params, labels, pending > 0 ? JobState.WAITING : JobState.SUBMITTED,
                maxAttempts, timeout, notBefore, idempotencyKey, requestHash, newManifestId, key, pending, parentId,
                depth);
    }

    /** A follow-up job submitted by a running job: one level deeper than its parent. */
    public NewJob childOf(UUID parent, int parentDepth) {
        return new NewJob(id, tenant, type, params, labels, initialState, maxAttempts, timeout, notBefore,
                idempotencyKey, requestHash, manifestId, jobKey, pendingDependencies, parent, parentDepth + 1);
    }
}
