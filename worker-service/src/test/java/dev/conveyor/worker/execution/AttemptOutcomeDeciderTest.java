package dev.conveyor.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.worker.execution.AttemptOutcomeDecider.Ended;
import dev.conveyor.worker.handler.Cancellation.Reason;
import dev.conveyor.worker.handler.NonRetryableJobException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AttemptOutcomeDeciderTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** 1 s doubling, no jitter (the random value is the top of its range): attempt n waits 2^(n-1) s. */
    private final AttemptOutcomeDecider decider = new AttemptOutcomeDecider(
            new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5)), () -> 0.999999);

    private static Ended returned(Map<String, Object> result) {
        return new Ended(result, null, null, TIMEOUT);
    }

    private static Ended threw(Throwable failure) {
        return new Ended(null, failure, null, TIMEOUT);
    }

    private static Ended stopped(Reason reason, Throwable failure) {
        return new Ended(null, failure, reason, TIMEOUT);
    }

    static Stream<Arguments> outcomes() {
        RuntimeException busy = new IllegalStateException("upstream busy");
        NonRetryableJobException badParams = new NonRetryableJobException("params.table must be a table name");
        SQLException badSql = new SQLException("syntax error at or near \"SELEC\"", "42601");
        return Stream.of(
                // how the attempt ended, attempt, max attempts -> the decision
                Arguments.of(returned(Map.of("rows", 3)), 1, 3, new AttemptOutcome.Succeed(Map.of("rows", 3))),
                Arguments.of(returned(null), 1, 1, new AttemptOutcome.Succeed(Map.of())),
                Arguments.of(threw(busy), 1, 3,
                        new AttemptOutcome.RetryAt("IllegalStateException: upstream busy", NOW.plusSeconds(1))),
                Arguments.of(threw(busy), 2, 3,
                        new AttemptOutcome.RetryAt("IllegalStateException: upstream busy", NOW.plusSeconds(2))),
                Arguments.of(threw(busy), 3, 3,
                        new AttemptOutcome.Fail("IllegalStateException: upstream busy", Map.of())),
                Arguments.of(threw(badParams), 1, 3,
                        new AttemptOutcome.Fail("params.table must be a table name", Map.of())),
                Arguments.of(threw(badSql), 1, 3,
                        new AttemptOutcome.Fail("SQLException: syntax error at or near \"SELEC\"", Map.of())),
                Arguments.of(stopped(Reason.TIMED_OUT, new InterruptedException()), 1, 2,
                        new AttemptOutcome.RetryAt("timed out after PT5M", NOW.plusSeconds(1))),
                Arguments.of(stopped(Reason.TIMED_OUT, new InterruptedException()), 2, 2,
                        new AttemptOutcome.Fail("timed out after PT5M", Map.of())),
                // the handler may even return after a stop; the stop decides
                Arguments.of(new Ended(Map.of("rows", 3), null, Reason.REQUESTED, TIMEOUT), 1, 3,
                        new AttemptOutcome.Cancelled(Reason.REQUESTED)),
                Arguments.of(stopped(Reason.LEASE_LOST, new InterruptedException()), 3, 3,
                        new AttemptOutcome.Cancelled(Reason.LEASE_LOST)),
                Arguments.of(stopped(Reason.HANDED_BACK, busy), 1, 3, new AttemptOutcome.Cancelled(Reason.HANDED_BACK)));
    }

    @ParameterizedTest(name = "[{index}] {0}, attempt {1} of {2} -> {3}")
    @MethodSource("outcomes")
    void decides_how_the_attempt_ends(Ended ended, int attempt, int maxAttempts, AttemptOutcome expected) {
        assertThat(decider.decide(ended, attempt, maxAttempts, NOW)).isEqualTo(expected);
    }

    @Test
    void a_failure_for_good_keeps_what_the_handler_found() {
        Map<String, Object> verdicts = Map.of("passed", false, "assertions", 2);
        NonRetryableJobException failedCheck = new NonRetryableJobException("1 of 2 assertions failed", verdicts);

        assertThat(decider.decide(threw(failedCheck), 1, 3, NOW))
                .isEqualTo(new AttemptOutcome.Fail("1 of 2 assertions failed", verdicts));
    }

    @ParameterizedTest
    @EnumSource(names = {"REQUESTED", "LEASE_LOST", "HANDED_BACK"})
    void a_stop_recorded_elsewhere_stores_nothing_whatever_attempt_it_was(Reason reason) {
        assertThat(decider.decide(stopped(reason, null), 1, 1, NOW)).isEqualTo(new AttemptOutcome.Cancelled(reason));
    }

    @Test
    void the_backoff_is_jittered_by_the_random_value() {
        AttemptOutcomeDecider halfJitter = new AttemptOutcomeDecider(
                new RetryPolicy(Duration.ofSeconds(4), 2, Duration.ofMinutes(5)), () -> 0.0);

        assertThat(halfJitter.decide(threw(new IllegalStateException("x")), 1, 2, NOW))
                .isEqualTo(new AttemptOutcome.RetryAt("IllegalStateException: x", NOW.plusSeconds(2)));
    }
}
