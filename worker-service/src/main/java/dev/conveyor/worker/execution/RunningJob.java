package dev.conveyor.worker.execution;

import dev.conveyor.worker.handler.Cancellation;
import java.util.UUID;

/** An attempt this worker is running: what the heartbeat needs to renew its lease or stop it. */
public record RunningJob(UUID jobId, String type, int attempt, Cancellation cancellation) {
}
