/**
 * Messages on Kafka. Every record carries a {@code schemaVersion}; readers accept unknown fields so
 * a newer producer does not break an older consumer.
 */
package dev.conveyor.common.event;
