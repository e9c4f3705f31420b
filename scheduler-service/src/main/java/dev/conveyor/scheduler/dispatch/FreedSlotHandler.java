package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.event.JobCancelled;
import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.scheduler.events.JobOutcomeHandler;

/**
 * Queues the jobs that waited for a slot under their tenant's cap when a job of that tenant stops running. Events
 * drive it; the sweep queues whatever an event missed (a lost event, or a failed attempt that is retried later).
 * Idempotent: a redelivered event finds the slots taken or nothing waiting.
 */
class FreedSlotHandler implements JobOutcomeHandler {

    private final Dispatcher dispatcher;

    FreedSlotHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void handle(JobLifecycleEvent event) {
        if (event instanceof JobSucceeded || event instanceof JobFailed || event instanceof JobCancelled) {
            dispatcher.fillFreeSlots(event.tenant());
        }
    }

    @Override
    public boolean handlesStandaloneJobs() {
        return true;
    }
}
