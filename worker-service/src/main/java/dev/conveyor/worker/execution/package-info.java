/**
 * Running claimed jobs and recording how each attempt ended. The executor runs every job on its own
 * virtual thread within a fixed number of slots (a slot frees when the handler returns, while the outcome
 * is still being stored) and stops it at its timeout (a deadline on the clock,
 * {@link dev.conveyor.worker.execution.AttemptTimeouts}). The pure
 * {@link dev.conveyor.worker.execution.AttemptOutcomeDecider} decides the outcome (succeeded; retry later
 * with jittered exponential backoff; failed for good; stopped by a cancellation recorded elsewhere) and the
 * {@link dev.conveyor.worker.execution.AttemptRecorder} applies it with one guarded store statement before
 * publishing the lifecycle event. Heartbeats renew each running
 * job's lease; a renewal that changes nothing means the lease was lost and the attempt stops without
 * recording anything, and a pending cancel request moves the job to CANCELLED and announces
 * {@code JobCancelled}. A job that fails for good is also published as {@code JobDeadLettered} on
 * {@code conveyor.jobs.dead-letter} with its error and attempt, never its params. On a shutdown that outlasts
 * the drain timeout, the remaining jobs are stopped, handed back to QUEUED without counting the attempt
 * and dispatched again on their topic; the hand-back clears the lease owner, so nothing the stopped
 * attempt does afterwards is recorded. Follow-up jobs a handler submits are stored as children one
 * level deeper, refused past {@code conveyor.max-depth}, and announced with {@code JobSubmitted}.
 */
package dev.conveyor.worker.execution;
