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
 *
 * <p>Statements that join a batch's arrays ({@code unnest}) to the table for per-job values also name the ids
 * ({@code j.id = ANY(:ids)}) and put the guards in one {@code (...) IS TRUE} filter of the join. With the guards
 * as separate conditions on the table, statistics from a quiet moment (no job running, finished jobs holding no
 * lease) make the planner expect one matching row, scan the table for it and compare every running job with every
 * job of the batch.
 */
package dev.conveyor.store;
