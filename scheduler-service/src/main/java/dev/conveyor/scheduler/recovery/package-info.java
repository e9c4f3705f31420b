/**
 * Recovery: the sweep that reconciles the database with Kafka when the message-driven path did not
 * finish. Each pass locks, with {@code FOR UPDATE SKIP LOCKED} and a batch at a time, due SCHEDULED jobs and
 * SUBMITTED jobs older than the lost-message delay (handed to the same dispatcher), RUNNING jobs whose lease
 * expired ({@link dev.conveyor.scheduler.recovery.LeaseSweeper}: requeued and dispatched again, or failed and
 * reported on the last attempt) and RUNNING manifests an event should have moved (advanced by the manifest
 * package's sweeper). Several replicas sweep side by side without a leader and without moving anything twice.
 */
package dev.conveyor.scheduler.recovery;
