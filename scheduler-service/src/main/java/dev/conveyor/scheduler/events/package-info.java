/**
 * Job outcomes reported by workers on {@code conveyor.jobs.events}. The listener only parses and fans out;
 * what happens on an outcome lives in {@link dev.conveyor.scheduler.events.JobOutcomeHandler} beans
 * (today metrics; manifest advancement plugs in here as another handler).
 */
package dev.conveyor.scheduler.events;
