package dev.conveyor.frontend.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One webhook event and how its delivery went.
 *
 * @param eventId the {@code Conveyor-Event-Id} it is sent with
 * @param state PENDING (being retried), DELIVERED or FAILED (given up)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookDeliveryView(UUID eventId, String event, String url, String state, int attempts, Instant nextAttemptAt,
        Integer lastStatus, String lastError, Instant createdAt, Instant finishedAt) {
}
