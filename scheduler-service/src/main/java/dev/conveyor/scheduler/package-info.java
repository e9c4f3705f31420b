/**
 * The scheduler service: turns submitted jobs into dispatched ones and advances manifests. {@code dispatch}
 * decides a job's next move (a pure decider) and applies it: WAITING, SCHEDULED, or QUEUED together with an
 * acknowledged JobDispatched on the job's typed topic. {@code manifest} decides a manifest's next moves under
 * its row lock when a job finishes (skip, dispatch with resolved result references, finish) and applies them.
 * {@code recovery} is the leaderless safety net that sweeps due SCHEDULED jobs, SUBMITTED jobs whose message
 * was lost, RUNNING jobs whose lease expired and manifests whose events were lost. {@code events} reads what
 * workers report and hands it to {@code JobOutcomeHandler}s. {@code system} holds configuration and wiring.
 */
package dev.conveyor.scheduler;
