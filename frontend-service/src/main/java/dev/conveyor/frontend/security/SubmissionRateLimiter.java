package dev.conveyor.frontend.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket per tenant (Bucket4j, greedy refill): a tenant may submit its burst at once and then its rate on
 * average. Buckets live in this replica's memory; one unused for an hour is dropped, and it would be full again by
 * then anyway.
 */
final class SubmissionRateLimiter {

    /** What a submission of some jobs may do now. */
    sealed interface Verdict {
        record Allowed() implements Verdict {
        }

        /** Over the rate: the jobs fit after {@code retryAfter}. */
        record Refused(Duration retryAfter) implements Verdict {
        }

        /** More jobs than the tenant's bucket holds: no wait makes them fit in one request. */
        record TooMany(long capacity) implements Verdict {
        }
    }

    private static final Verdict ALLOWED = new Verdict.Allowed();

    private final QuotaProperties quotas;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();

    SubmissionRateLimiter(QuotaProperties quotas, Clock clock) {
        this.quotas = quotas;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    Verdict tryAcquire(String tenant, int jobs) {
        QuotaProperties.Limit limit = quotas.limitOf(tenant);
        if (limit.unlimited() || jobs <= 0) {
            return ALLOWED;
        }
        if (jobs > limit.capacity()) {
            return new Verdict.TooMany(limit.capacity());
        }
        Bucket bucket = buckets.get(tenant, any -> bucketOf(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(jobs);
        return probe.isConsumed() ? ALLOWED : new Verdict.Refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucketOf(QuotaProperties.Limit limit) {
        // one token every 1/rate seconds, added as soon as it is due
        Duration perToken = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000L / limit.rate())));
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(1, perToken))
                .withCustomTimePrecision(time)
                .build();
    }
}
