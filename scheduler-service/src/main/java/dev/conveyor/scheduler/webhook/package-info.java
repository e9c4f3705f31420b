/**
 * Completion webhooks: {@link dev.conveyor.scheduler.webhook.WebhookSender} delivers the outbox rows that the
 * database writes when a subscribed job or manifest finishes, signed with the tenant's secret, retried with
 * exponential backoff for up to a day, on threads of its own so a slow or dead receiver never slows job processing.
 */
package dev.conveyor.scheduler.webhook;
