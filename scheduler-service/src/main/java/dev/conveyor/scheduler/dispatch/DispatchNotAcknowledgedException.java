package dev.conveyor.scheduler.dispatch;

/** Kafka did not acknowledge a batch of messages, so none of the moves that went with them may commit. */
public class DispatchNotAcknowledgedException extends RuntimeException {

    public DispatchNotAcknowledgedException(int messages, Throwable cause) {
        super("Kafka did not acknowledge all of " + messages + " messages: " + cause, cause);
    }
}
