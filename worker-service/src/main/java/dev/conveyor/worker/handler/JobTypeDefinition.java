package dev.conveyor.worker.handler;

import java.util.Objects;

/**
 * What a handler registers at start-up: the job type, one sentence for people browsing the types, and the JSON
 * Schema its params are checked against (at submission by the API, again before the handler reads them).
 *
 * @param type names the typed topic too, {@code conveyor.jobs.<type>}
 */
public record JobTypeDefinition(String type, String description, ParamsSchema schema) {

    public JobTypeDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(schema, "schema");
    }
}
