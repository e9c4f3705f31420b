/**
 * Job outcomes reported by workers on {@code conveyor.jobs.events}. The listener only parses and fans out;
 * what happens on an outcome lives in {@link dev.conveyor.scheduler.events.JobOutcomeHandler} beans
 * (metrics, and manifest advancement in {@code dev.conveyor.scheduler.manifest}).
 */
package dev.conveyor.scheduler.events;
