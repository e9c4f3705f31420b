package dev.conveyor.frontend.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A trigger as the API shows it: what it watches, and its template under {@code job} or {@code manifest}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TriggerView(
        UUID id,
        String name,
        Watch watch,
        JsonNode job,
        JsonNode manifest,
        boolean paused,
        Instant createdAt,
        Instant updatedAt) {

    /** @param path relative to the files directory */
    record Watch(String path, String glob) {
    }

    static TriggerView of(TriggerEntity trigger, JsonMapper mapper) {
        JsonNode template = mapper.readTree(trigger.template());
        boolean job = "JOB".equals(trigger.kind());
        return new TriggerView(trigger.id(), trigger.name(), new Watch(trigger.watchPath(), trigger.glob()),
                job ? template : null, job ? null : template, trigger.paused(), trigger.createdAt(),
                trigger.updatedAt());
    }
}
