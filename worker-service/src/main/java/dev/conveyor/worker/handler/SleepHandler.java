package dev.conveyor.worker.handler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.springframework.stereotype.Component;

/** Waits for {@code seconds}; stops as soon as the attempt is cancelled or its thread interrupted. */
@Component
class SleepHandler implements JobHandler {

    private static final ParamsSchema SCHEMA = ParamsSchema.load("/dev/conveyor/worker/handler/sleep.schema.json");
    private static final JobTypeDefinition DEFINITION = new JobTypeDefinition("sleep",
            "Waits the given number of seconds, for testing concurrency, timeouts and cancellation.",
            SCHEMA);

    @Override
    public JobTypeDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> execute(JobContext context) throws InterruptedException {
        double seconds = SCHEMA.read(context.params()).number("seconds");
        Duration wait = Duration.ofMillis(Math.round(seconds * 1000));
        // waiting on the cancellation rather than sleeping is what makes a cancel take effect at once
        if (context.awaitCancellation(wait)) {
            throw new CancellationException("cancelled while sleeping");
        }
        return Map.of("sleptMillis", wait.toMillis());
    }
}
