/**
 * Running claimed jobs and recording how each attempt ended. The executor runs every job on its own
 * virtual thread within a fixed number of slots, enforces the job's timeout, then decides the outcome
 * (succeeded; retry later with jittered exponential backoff; failed for good) and applies it with one
 * guarded store statement before publishing the lifecycle event. Heartbeats renew each running
 * job's lease; a renewal that changes nothing means the lease was lost and the attempt stops without
 * recording anything, and a pending cancel request moves the job to CANCELLED.
 */
package dev.conveyor.worker.execution;
