package dev.conveyor.frontend.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Where to POST when a job or manifest finishes, and for which final states.
 *
 * @param events {@code succeeded}, {@code failed}, {@code cancelled}; all three when left out
 */
public record Notify(
        @Schema(description = "The receiver; it must pass the URL allow-list", example = "https://hooks.example.com/conveyor",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
        @Schema(description = "Final states to notify: succeeded, failed, cancelled (default all)")
        List<String> events) {

    public static final List<String> ALL_EVENTS = List.of("succeeded", "failed", "cancelled");

    /** The events to store: those given, or all of them. */
    public List<String> eventsOrAll() {
        return events == null || events.isEmpty() ? ALL_EVENTS : events.stream().distinct().toList();
    }
}
