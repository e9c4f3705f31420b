package dev.conveyor.scheduler.dispatch;

import java.util.UUID;

/** Kafka did not acknowledge a JobDispatched, so the job must not stay QUEUED. */
public class DispatchNotAcknowledgedException extends RuntimeException {

    public DispatchNotAcknowledgedException(UUID jobId, String topic, Throwable cause) {
        super("JobDispatched for " + jobId + " was not acknowledged by " + topic, cause);
    }
}
