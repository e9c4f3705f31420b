package dev.conveyor.store;

import java.time.Instant;

/**
 * A job type some worker pool can run, as that pool registered it.
 *
 * @param paramsSchema the JSON Schema (draft 2020-12) the type's params must satisfy, as JSON text
 */
public record JobType(String type, String paramsSchema, String description, String registeredBy, Instant updatedAt) {
}
