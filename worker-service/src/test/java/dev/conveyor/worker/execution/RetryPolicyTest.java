package dev.conveyor.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5));

    @Test
    void doubles_the_backoff_with_each_attempt() {
        assertThat(policy.backoff(1, () -> 0.999999)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, () -> 0.999999)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(4, () -> 0.999999)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void jitter_takes_off_at_most_half() {
        assertThat(policy.backoff(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void never_waits_longer_than_the_cap() {
        assertThat(policy.backoff(30, () -> 0.999999)).isEqualTo(Duration.ofMinutes(5));
    }
}
