/**
 * Dead letters: the jobs that failed for good (state FAILED), listed per tenant from the database
 * through {@code JobRepository}, newest failure first, filterable by type and time. The database is the truth; the
 * {@code conveyor.jobs.dead-letter} topic that workers publish is only a feed for other systems.
 */
package dev.conveyor.frontend.deadletter;
