package dev.conveyor.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.testsupport.MutableClock;
import dev.conveyor.worker.handler.Cancellation;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptTimeoutsTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final AttemptTimeouts timeouts = new AttemptTimeouts(clock);

    @AfterEach
    void close() {
        timeouts.close();
    }

    @Test
    void stops_an_attempt_once_the_clock_passes_its_deadline() {
        Cancellation cancellation = new Cancellation();
        timeouts.watch(UUID.randomUUID(), Duration.ofMinutes(10), cancellation);

        clock.advance(Duration.ofMinutes(9));
        assertThat(timeouts.stopOverdue()).isZero();
        assertThat(cancellation.isCancelled()).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(timeouts.stopOverdue()).isEqualTo(1);
        assertThat(cancellation.reason()).isEqualTo(Cancellation.Reason.TIMED_OUT);
        assertThat(timeouts.stopOverdue()).isZero();
    }

    @Test
    void an_attempt_that_ended_or_has_no_timeout_is_not_stopped() {
        UUID ended = UUID.randomUUID();
        Cancellation endedCancellation = new Cancellation();
        Cancellation unlimited = new Cancellation();
        timeouts.watch(ended, Duration.ofSeconds(1), endedCancellation);
        timeouts.watch(UUID.randomUUID(), Duration.ZERO, unlimited);
        timeouts.watch(UUID.randomUUID(), null, unlimited);

        timeouts.unwatch(ended);
        clock.advance(Duration.ofDays(1));

        assertThat(timeouts.stopOverdue()).isZero();
        assertThat(endedCancellation.isCancelled()).isFalse();
        assertThat(unlimited.isCancelled()).isFalse();
    }
}
