package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    @Test
    void without_a_rate_everything_is_allowed() {
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(new QuotaProperties(0, 0, Map.of()), clock);

        assertThat(limiter.tryAcquire("acme", 1_000_000)).isInstanceOf(SubmissionRateLimiter.Verdict.Allowed.class);
    }

    @Test
    void a_tenant_may_submit_its_burst_then_its_rate() {
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(new QuotaProperties(10, 20, Map.of()), clock);

        assertThat(limiter.tryAcquire("acme", 20)).isInstanceOf(SubmissionRateLimiter.Verdict.Allowed.class);
        assertThat(limiter.tryAcquire("acme", 1)).isEqualTo(
                new SubmissionRateLimiter.Verdict.Refused(Duration.ofMillis(100)));

        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire("acme", 5)).isInstanceOf(SubmissionRateLimiter.Verdict.Allowed.class);
        assertThat(limiter.tryAcquire("acme", 5)).isEqualTo(
                new SubmissionRateLimiter.Verdict.Refused(Duration.ofMillis(500)));
        // another tenant has a bucket of its own
        assertThat(limiter.tryAcquire("globex", 20)).isInstanceOf(SubmissionRateLimiter.Verdict.Allowed.class);
    }

    @Test
    void a_request_larger_than_the_bucket_can_never_fit() {
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(new QuotaProperties(10, 0, Map.of()), clock);

        // no burst given: one second's worth
        assertThat(limiter.tryAcquire("acme", 11)).isEqualTo(new SubmissionRateLimiter.Verdict.TooMany(10));
        assertThat(limiter.tryAcquire("acme", 10)).isInstanceOf(SubmissionRateLimiter.Verdict.Allowed.class);
    }

    @Test
    void a_tenant_of_its_own_overrides_the_default_and_a_slow_rate_waits_long() {
        QuotaProperties quotas = new QuotaProperties(0, 0, Map.of("slow", new QuotaProperties.Limit(0.1, 1)));
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(quotas, clock);

        assertThat(limiter.tryAcquire("anyone", 500)).isInstanceOf(SubmissionRateLimiter.Verdict.Allowed.class);
        assertThat(limiter.tryAcquire("slow", 1)).isInstanceOf(SubmissionRateLimiter.Verdict.Allowed.class);
        assertThat(limiter.tryAcquire("slow", 1)).isEqualTo(
                new SubmissionRateLimiter.Verdict.Refused(Duration.ofSeconds(10)));
    }
}
