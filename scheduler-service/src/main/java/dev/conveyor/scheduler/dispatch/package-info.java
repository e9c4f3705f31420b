/**
 * Dispatch, decided then applied, a batch at a time. {@link dev.conveyor.scheduler.dispatch.DispatchDecider} maps a
 * job row and the time to its next move without I/O; {@link dev.conveyor.scheduler.dispatch.Dispatcher} locks the
 * rows of a poll (or a sweep batch) with {@code FOR UPDATE SKIP LOCKED}, applies each kind of move to all its rows
 * with one guarded statement of the store's {@code DispatchStore}, sends every JobDispatched without waiting
 * ({@link dev.conveyor.scheduler.dispatch.MessageSender}, an idempotent {@code acks=all} producer) and waits for all
 * acknowledgements before the commit, so a job is never QUEUED unless Kafka acknowledged its message; one refused
 * send rolls the whole batch back for a retry or the sweep. Duplicate JobSubmitted messages are harmless: a
 * duplicate in one poll is handled once, and the guarded update lets only the first one through. A tenant's cap on
 * jobs handed to workers ({@link dev.conveyor.scheduler.dispatch.TenantCaps}, counted by
 * {@link dev.conveyor.scheduler.dispatch.RunningSlots} under a per-tenant lock) leaves the jobs over it where they
 * are; {@link dev.conveyor.scheduler.dispatch.FreedSlotHandler} queues them as the tenant's jobs finish.
 */
package dev.conveyor.scheduler.dispatch;
