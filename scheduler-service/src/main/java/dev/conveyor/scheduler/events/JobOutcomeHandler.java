package dev.conveyor.scheduler.events;

import dev.conveyor.common.event.JobLifecycleEvent;

/**
 * Reacts to what workers report on {@code conveyor.jobs.events}. Every bean of this type is called, in
 * {@code @Order} if they have one, for every event the {@link JobOutcomeListener} reads. Called on the consumer thread:
 * an exception makes the binder redeliver the event to every handler, so handlers must be idempotent.
 */
public interface JobOutcomeHandler {

    void handle(JobLifecycleEvent event);
}
