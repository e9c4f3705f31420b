package dev.conveyor.store;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.common.job.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A job about to be stored. Build one with {@link #builder(String)} (or {@link #of(String, Map)} and the
 * {@code with...} methods); everything not set has the default a plain {@code POST /api/v1/jobs} would get.
 *
 * @param initialState SUBMITTED for a job the scheduler may dispatch, WAITING for one with dependencies
 * @param traceParent the W3C {@code traceparent} of the context the job was submitted in (the request's span, or a
 *                    running job's for a follow-up), or null; every service starts this job's spans under it
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
        int depth,
        String traceParent) {

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

    /** A job of {@code type} with every default and a new time-ordered id. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    public static NewJob of(String type, Map<String, Object> params) {
        return builder(type).params(params).build();
    }

    /** A builder holding every value of this job, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public NewJob withId(UUID newId) {
        return toBuilder().id(newId).build();
    }

    public NewJob withTenant(String newTenant) {
        return toBuilder().tenant(newTenant).build();
    }

    public NewJob withLabels(Map<String, String> newLabels) {
        return toBuilder().labels(newLabels).build();
    }

    public NewJob withMaxAttempts(int newMaxAttempts) {
        return toBuilder().maxAttempts(newMaxAttempts).build();
    }

    public NewJob withTimeout(Duration newTimeout) {
        return toBuilder().timeout(newTimeout).build();
    }

    public NewJob withNotBefore(Instant newNotBefore) {
        return toBuilder().notBefore(newNotBefore).build();
    }

    /** @param hash a digest of the request body, so a replay with a different body can be refused */
    public NewJob withIdempotency(String key, String hash) {
        return toBuilder().idempotency(key, hash).build();
    }

    /** Places the job in a manifest; with pending dependencies it starts WAITING. */
    public NewJob inManifest(UUID newManifestId, String key, int pending) {
        return toBuilder().inManifest(newManifestId, key, pending).build();
    }

    /** A follow-up job submitted by a running job: one level deeper than its parent. */
    public NewJob childOf(UUID parent, int parentDepth) {
        return toBuilder().childOf(parent, parentDepth).build();
    }

    /** The job submitted in the trace context {@code newTraceParent} (a W3C {@code traceparent}, or null). */
    public NewJob withTraceParent(String newTraceParent) {
        return toBuilder().traceParent(newTraceParent).build();
    }

    /** Collects a job's values by name; {@link #build()} checks them. */
    public static final class Builder {
        private UUID id;
        private String tenant = DEFAULT_TENANT;
        private String type;
        private Map<String, Object> params = Map.of();
        private Map<String, String> labels = Map.of();
        private JobState initialState = JobState.SUBMITTED;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration timeout;
        private Instant notBefore;
        private String idempotencyKey;
        private String requestHash;
        private UUID manifestId;
        private String jobKey;
        private int pendingDependencies;
        private UUID parentId;
        private int depth;
        private String traceParent;

        private Builder(String type) {
            this.type = type;
        }

        private Builder(NewJob job) {
            this(job.type);
            id = job.id;
            tenant = job.tenant;
            params = job.params;
            labels = job.labels;
            initialState = job.initialState;
            maxAttempts = job.maxAttempts;
            timeout = job.timeout;
            notBefore = job.notBefore;
            idempotencyKey = job.idempotencyKey;
            requestHash = job.requestHash;
            manifestId = job.manifestId;
            jobKey = job.jobKey;
            pendingDependencies = job.pendingDependencies;
            parentId = job.parentId;
            depth = job.depth;
            traceParent = job.traceParent;
        }

        public Builder type(String value) {
            type = value;
            return this;
        }

        /** Without it the job gets a new time-ordered id. */
        public Builder id(UUID value) {
            id = value;
            return this;
        }

        public Builder tenant(String value) {
            tenant = value;
            return this;
        }

        public Builder params(Map<String, Object> value) {
            params = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        /** The job runs no earlier than this; null runs it as soon as possible. */
        public Builder notBefore(Instant value) {
            notBefore = value;
            return this;
        }

        /** @param hash a digest of the request body, so a replay with a different body can be refused */
        public Builder idempotency(String key, String hash) {
            idempotencyKey = key;
            requestHash = hash;
            return this;
        }

        /** Places the job in a manifest; with pending dependencies it starts WAITING. */
        public Builder inManifest(UUID value, String key, int pending) {
            manifestId = value;
            jobKey = key;
            pendingDependencies = pending;
            initialState = pending > 0 ? JobState.WAITING : JobState.SUBMITTED;
            return this;
        }

        /** The count of unfinished dependencies as stored, without changing the initial state. */
        public Builder pendingDependencies(int value) {
            pendingDependencies = value;
            return this;
        }

        /** A follow-up job submitted by a running job: one level deeper than its parent. */
        public Builder childOf(UUID parent, int parentDepth) {
            parentId = parent;
            depth = parentDepth + 1;
            return this;
        }

        public Builder traceParent(String value) {
            traceParent = value;
            return this;
        }

        public NewJob build() {
            return new NewJob(id == null ? TimeOrderedIds.next() : id, tenant, type, params, labels, initialState,
                    maxAttempts, timeout, notBefore, idempotencyKey, requestHash, manifestId, jobKey,
                    pendingDependencies, parentId, depth, traceParent);
        }
    }
}
