/**
 * Wiring and configuration: the validated {@code conveyor.worker.*} and {@code conveyor.kafka.*}
 * properties, {@code conveyor.max-depth}, the clock, and the shared job store on the primary DataSource.
 */
package dev.conveyor.worker.system;
