package dev.conveyor.worker.consume;

/** A record reached the listener while every execution slot was busy; it is delivered again later. */
class NoFreeSlotException extends RuntimeException {

    NoFreeSlotException(String topic, int partition, long offset) {
        super("No free slot for " + topic + "-" + partition + "@" + offset + "; it will be delivered again");
    }
}
