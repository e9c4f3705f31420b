/**
 * What the API tells the other services after a change has committed: {@code JobSubmitted} on
 * {@code conveyor.jobs.submitted} for a job the scheduler should dispatch, {@code JobCancelled} on
 * {@code conveyor.jobs.events} for a job the API cancelled so the scheduler can advance its manifest.
 * Publishing is asynchronous and never fails a request; the database stays the truth.
 */
package dev.conveyor.frontend.event;
