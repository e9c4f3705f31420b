package dev.conveyor.worker.execution;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.worker.handler.Cancellation;
import java.util.UUID;

/**
 * An attempt this worker is running: what the heartbeat needs to renew its lease or stop it, and
 * where the job came from ({@code topic}, {@code dispatched}) so a draining worker can put it back.
 */
public record RunningJob(UUID jobId, String type, int attempt, Cancellation cancellation, String topic,
        JobDispatched dispatched) {
}
