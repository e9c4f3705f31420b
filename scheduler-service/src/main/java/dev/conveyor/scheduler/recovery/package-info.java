/**
 * Recovery: the sweep that reconciles the database with Kafka when the message-driven path did not
 * finish. It locks due SCHEDULED jobs and SUBMITTED jobs older than the lost-message delay with
 * {@code FOR UPDATE SKIP LOCKED}, a batch at a time, and hands each to the same dispatcher, so several
 * replicas sweep side by side without a leader and without dispatching a job twice.
 */
package dev.conveyor.scheduler.recovery;
