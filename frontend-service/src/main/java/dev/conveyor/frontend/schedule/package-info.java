/**
 * Schedules through the API: create one with the job or manifest each tick starts (checked exactly like a
 * {@code POST /api/v1/jobs} or {@code /manifests}, so a schedule never fires something invalid), read it with its
 * next fire times and its firing history, pause, resume or re-time it, delete it, or trigger it now. The scheduler
 * fires the ticks; this package only writes the schedule rows through the store.
 */
package dev.conveyor.frontend.schedule;
