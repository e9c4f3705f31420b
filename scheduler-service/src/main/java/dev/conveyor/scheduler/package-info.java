/**
 * The scheduler service: turns submitted jobs into dispatched ones. {@code dispatch} decides a job's
 * next move (a pure decider) and applies it: WAITING, SCHEDULED, or QUEUED together with an
 * acknowledged JobDispatched on the job's typed topic. {@code recovery} is the leaderless safety net that
 * sweeps due SCHEDULED jobs and SUBMITTED jobs whose message was lost. {@code events} reads what workers
 * report and hands it to {@code JobOutcomeHandler}s. {@code system} holds configuration and wiring.
 */
package dev.conveyor.scheduler;
