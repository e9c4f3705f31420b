package dev.conveyor.scheduler.events;

import dev.conveyor.common.event.JobLifecycleEvent;

/**
 * Reacts to what workers report on {@code conveyor.jobs.events}. Every bean of this type is called, in
 * {@code @Order} if they have one, for every event the {@link JobOutcomeListener} reads (events of standalone jobs
 * only when {@link #handlesStandaloneJobs()}). Called on the consumer thread:
 * an exception makes the binder redeliver the event's whole batch to every handler, so handlers must be idempotent.
 */
public interface JobOutcomeHandler {

    void handle(JobLifecycleEvent event);

    /**
     * Whether this handler wants events of jobs outside a manifest. Most events are of such jobs; a handler that
     * says no is never called for them, which keeps them cheap.
     */
    default boolean handlesStandaloneJobs() {
        return false;
    }
}
