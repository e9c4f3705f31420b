/**
 * What a worker tells Prometheus: how long jobs waited and ran (histograms by type), hand-backs and lost leases,
 *. The busy and free slots by pool are registered with the slots (execution). {@code docs/metrics.md} lists every meter.
 */
package dev.conveyor.worker.metrics;
