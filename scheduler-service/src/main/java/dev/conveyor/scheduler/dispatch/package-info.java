/**
 * Dispatch, decided then applied. {@link dev.conveyor.scheduler.dispatch.DispatchDecider} maps a job row
 * and the time to its next move without I/O; {@link dev.conveyor.scheduler.dispatch.Dispatcher} applies
 * the move with the store's guarded updates. Queueing updates the row and sends the JobDispatched
 * synchronously in one transaction, so a job is never QUEUED unless Kafka acknowledged its message; a
 * failed send rolls the row back for the sweep. Duplicate JobSubmitted messages are harmless: the guarded
 * update lets only the first one through.
 */
package dev.conveyor.scheduler.dispatch;
