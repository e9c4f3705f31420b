/**
 * Schedules: cron expressions (with seconds, in a time zone) that start a job or a manifest at each tick.
 * {@link dev.conveyor.scheduler.schedule.ScheduleFirer} fires the due ticks in transactions that lock the schedule
 * rows, store the work and move {@code next_fire_at} on with a guarded update, so every tick fires exactly once
 * across replicas and restarts; {@link dev.conveyor.scheduler.schedule.ScheduleLoop} wakes it at the earliest next
 * tick.
 */
package dev.conveyor.scheduler.schedule;
