/**
 * Completion webhooks through the API: the {@code notify} of a job, manifest or schedule template (checked against
 * the URL allow-list at submission), the deliveries of a job or manifest, and the tenant's signing secret. The
 * scheduler delivers them.
 */
package dev.conveyor.frontend.webhook;
