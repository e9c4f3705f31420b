/**
 * The job store: Conveyor's PostgreSQL schema (Flyway migrations under {@code db/migration}) and the
 * guarded transitions every service uses. Plain Spring JDBC, no Boot, so any service can wire it.
 */
package dev.conveyor.store;
