package dev.conveyor.frontend.webhook;

import dev.conveyor.frontend.system.KeysetPage;
import dev.conveyor.frontend.system.KeysetPaging;
import dev.conveyor.frontend.system.RequestHeaders;
import dev.conveyor.store.WebhookSecrets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Webhooks", description = "Completion webhooks: deliveries and the signing secret")
class WebhookController {

    /** The tenant's signing secret. */
    record SigningSecret(String tenant, String secret) {
    }

    private final WebhookSecrets secrets;
    private final WebhookDeliveryRepository deliveries;
    private final KeysetPaging paging;

    WebhookController(WebhookSecrets secrets, WebhookDeliveryRepository deliveries, KeysetPaging paging) {
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.paging = paging;
    }

    @GetMapping(path = "/api/v1/webhook-secret", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The tenant's webhook signing secret (admin)",
            description = "Made on first use. Conveyor-Signature is t=<unix seconds>,v1=<hex HMAC-SHA256 of"
                    + " \"<t>.<body>\"> with it.")
    SigningSecret secret(@RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return new SigningSecret(RequestHeaders.tenant(tenant), secrets.secretFor(RequestHeaders.tenant(tenant)));
    }

    @PostMapping(path = "/api/v1/webhook-secret/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the tenant's webhook signing secret (admin)",
            description = "Deliveries sent from now on are signed with the new secret, retries of earlier events too.")
    SigningSecret rotate(@RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return new SigningSecret(RequestHeaders.tenant(tenant), secrets.rotate(RequestHeaders.tenant(tenant)));
    }

    @GetMapping(path = "/api/v1/jobs/{id}/webhook-deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The webhook deliveries of a job, newest first")
    KeysetPage<WebhookDeliveryView> ofJob(@PathVariable UUID id,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return paging.newestFirst(deliveries, "createdAt",
                WebhookDeliveryRepository.of(RequestHeaders.tenant(tenant), "jobId", id), limit, cursor,
                WebhookDeliveryEntity::toView);
    }

    @GetMapping(path = "/api/v1/manifests/{id}/webhook-deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The webhook deliveries of a manifest, newest first")
    KeysetPage<WebhookDeliveryView> ofManifest(@PathVariable UUID id,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return paging.newestFirst(deliveries, "createdAt",
                WebhookDeliveryRepository.of(RequestHeaders.tenant(tenant), "manifestId", id), limit, cursor,
                WebhookDeliveryEntity::toView);
    }
}
