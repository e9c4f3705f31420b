/**
 * The job store: Conveyor's PostgreSQL schema (Flyway migrations under {@code db/migration}) and every
 * statement that reads or changes the job tables ({@code job}, {@code job_event}, {@code job_dependency},
 * {@code manifest}): the guarded transitions, the batch moves and the reads the services need, one class per
 * intention, all registered by {@link dev.conveyor.store.StoreConfiguration}. Plain Spring JDBC, no Boot, so
 * any service can wire it.
 *
 * <p>Statements that move a batch of jobs by id guard the state as {@code (state = 'QUEUED') IS TRUE} rather than
 * {@code state = 'QUEUED'}. The two mean the same for a column that is never null, but only the plain form lets the
 * planner use a sweep's partial index ({@code WHERE state = 'QUEUED'}), which it prefers whenever its statistics
 * were taken while that state was nearly empty, and then scans every queued job for each batch. The primary key is
 * always the right way to a batch of ids ({@code ByIdPlansTest}).
 */
package dev.conveyor.store;
