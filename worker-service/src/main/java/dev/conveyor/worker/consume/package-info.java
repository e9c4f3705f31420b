/**
 * Kafka intake: one listener container over the typed topics. Each record reserves a slot, claims the
 * job in PostgreSQL and commits its offset; duplicates and jobs that are no longer QUEUED are
 * acknowledged and skipped. When every slot is busy the container pauses, so waiting jobs stay on the
 * topic as consumer lag instead of piling up in memory, and it resumes when a slot frees.
 */
package dev.conveyor.worker.consume;
