package dev.conveyor.frontend.webhook;

import dev.conveyor.common.net.UrlPolicy;
import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Refuses a {@code notify} without a URL or with unknown events (400), or whose URL the allow-list does not allow
 * (loopback, private and metadata addresses unless allowed: 422), naming {@code notify.url} or {@code notify.events},
 * before anything is stored.
 */
@Component
public class NotifyCheck {

    private final UrlPolicy policy;

    NotifyCheck(WebhookProperties properties) {
        this.policy = properties.urlPolicy();
    }

    /** @param field where the notify sits in the request, e.g. {@code notify} */
    public void check(String field, Notify notify) {
        if (notify == null) {
            return;
        }
        if (notify.url() == null || notify.url().isBlank()) {
            throw new InvalidRequestException(field + ".url", "is required");
        }
        if (notify.events() != null && !Notify.ALL_EVENTS.containsAll(notify.events())) {
            throw new InvalidRequestException(field + ".events", "must hold succeeded, failed or cancelled");
        }
        Optional<String> refusal;
        try {
            refusal = policy.refusal(new URI(notify.url()));
        } catch (URISyntaxException e) {
            refusal = Optional.of("is not a URL");
        }
        refusal.ifPresent(reason -> {
            throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, FieldProblem.rejected(
                    HttpStatus.UNPROCESSABLE_CONTENT, "Webhook URL not allowed",
                    List.of(new FieldProblem(field + ".url", reason))), null);
        });
    }
}
