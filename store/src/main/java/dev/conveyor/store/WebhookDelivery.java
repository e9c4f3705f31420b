package dev.conveyor.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One event to deliver to a webhook receiver.
 *
 * @param id the event id, sent as {@code Conveyor-Event-Id}: the same on every attempt
 * @param body the exact text to sign and send
 * @param attempt this attempt's number, counted from 1
 */
public record WebhookDelivery(UUID id, String tenant, UUID jobId, UUID manifestId, String event, String url,
        String body, int attempt, Instant createdAt) {
}
