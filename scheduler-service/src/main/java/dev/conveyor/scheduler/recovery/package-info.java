/**
 * Recovery: the sweep that reconciles the database with Kafka when the message-driven path did not finish, and
 * retention. Each pass locks, with {@code FOR UPDATE SKIP LOCKED} and a batch at a time, due SCHEDULED jobs and
 * SUBMITTED jobs older than the lost-message delay (handed to the dispatcher's batched path), QUEUED jobs whose
 * message is overdue (sent again, at most once per {@code requeue-queued-after}), RUNNING jobs whose lease expired
 * ({@link dev.conveyor.scheduler.recovery.LeaseSweeper}: requeued and dispatched again, or failed and reported on the
 * last attempt) and RUNNING manifests an event should have moved (advanced by the manifest package's sweeper). The
 * sweep and the event path skip the rows the other holds, so neither waits for the other. Several replicas sweep
 * side by side without a leader and without moving anything twice. At its own interval the loop also deletes
 * finished jobs and manifests older than the retention period
 * ({@link dev.conveyor.scheduler.recovery.RetentionSweeper}).
 */
package dev.conveyor.scheduler.recovery;
