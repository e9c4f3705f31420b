/**
 * What the scheduler tells Prometheus: finished jobs and retries (counted from the events topic), jobs by state and
 * type with the dispatch lag (one query now and then, the same on every replica), the lag of every typed topic for
 * every worker group (Kafka admin API), and finished manifests with their duration. {@code docs/metrics.md} lists
 * every meter and the question it answers.
 */
package dev.conveyor.scheduler.metrics;
