/**
 * The job handler SPI and the built-in handlers. A {@link dev.conveyor.worker.handler.JobHandler} bean
 * runs one job type; the worker registers each type with its params schema in {@code conveyor.job_type}
 * at start-up and consumes its typed topic. Handlers see their attempt through a
 * {@link dev.conveyor.worker.handler.JobContext}: params, the warehouse, an idempotency token that is
 * stable across attempts, and cancellation (a flag, an interruptible wait, and JDBC statements that
 * get {@code Statement.cancel()}), and {@link dev.conveyor.worker.handler.JobContext#submit} for
 * follow-up jobs, which nest at most {@code conveyor.max-depth} deep. Params are checked against the
 * handler's schema with the JSON Schema validator ({@link dev.conveyor.worker.handler.ParamsSchema}) before a
 * handler reads them. A
 * {@link dev.conveyor.worker.handler.NonRetryableJobException} fails the job for good; so do SQL errors
 * that say the statement is wrong. Built in here: {@code noop}, {@code sleep} and {@code sql}; the
 * warehouse job types {@code load}, {@code check} and {@code export} have packages of their own.
 */
package dev.conveyor.worker.handler;
