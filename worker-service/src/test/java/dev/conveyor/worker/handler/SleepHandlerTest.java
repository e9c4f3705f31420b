package dev.conveyor.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SleepHandlerTest {

    private final SleepHandler handler = new SleepHandler();

    @Test
    void sleeps_for_the_given_seconds() throws Exception {
        Map<String, Object> result = handler.execute(context(Map.of("seconds", 0.05), new Cancellation()));

        assertThat(result).containsEntry("sleptMillis", 50L);
    }

    @Test
    void stops_as_soon_as_the_attempt_is_cancelled() {
        Cancellation cancellation = new Cancellation();
        long started = System.nanoTime();
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
                .execute(() -> cancellation.cancel(Cancellation.Reason.REQUESTED));

        Throwable failure = catchThrowable(() -> handler.execute(context(Map.of("seconds", 60), cancellation)));

        assertThat(failure).isInstanceOf(CancellationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void is_interruptible() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread sleeper = Thread.ofVirtual().start(() -> failure.set(catchThrowable(
                () -> handler.execute(context(Map.of("seconds", 60), new Cancellation())))));

        sleeper.interrupt();
        sleeper.join(Duration.ofSeconds(5));

        assertThat(sleeper.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void rejects_missing_seconds_as_not_retryable() {
        assertThat(catchThrowable(() -> handler.execute(context(Map.of(), new Cancellation()))))
                .isInstanceOf(NonRetryableJobException.class);
    }

    private static JobContext context(Map<String, Object> params, Cancellation cancellation) {
        return new JobContext(UUID.randomUUID(), "default", "sleep", 1, params, null, cancellation, null);
    }
}
