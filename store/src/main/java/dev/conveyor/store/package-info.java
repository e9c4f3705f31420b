/**
 * The job store: Conveyor's PostgreSQL schema (Flyway migrations under {@code db/migration}) and every
 * statement that reads or changes the job tables ({@code job}, {@code job_event}, {@code job_dependency},
 * {@code manifest}): the guarded transitions, the batch moves and the reads the services need, one class per
 * intention, all registered by {@link dev.conveyor.store.StoreConfiguration}. Plain Spring JDBC, no Boot, so
 * any service can wire it.
 */
package dev.conveyor.store;
