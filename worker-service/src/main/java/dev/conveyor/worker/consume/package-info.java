/**
 * Kafka intake: one batch listener container over the typed topics. Each poll takes as many records
 * as there are free slots, claims all their jobs with one statement and commits the offsets of the
 * records taken once the claim committed; the records it could not take are sought back and delivered
 * again. Duplicates, unreadable records and jobs that are no longer QUEUED are committed and skipped.
 * When every slot is busy the container pauses, so waiting jobs stay on the topic as consumer lag
 * instead of piling up in memory, and it resumes when a slot frees. The consumer's session is sized
 * from the job heartbeat, so a killed worker's partitions move to a live one before its leases expire.
 */
package dev.conveyor.worker.consume;
