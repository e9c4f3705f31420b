/**
 * Wiring and configuration: the validated {@code conveyor.scheduler} properties and the bound {@code conveyor.kafka}
 * properties, the shared store and router beans, the clock (replaceable in tests), the Kafka payload
 * mapper and the topics created at start-up.
 */
package dev.conveyor.scheduler.system;
