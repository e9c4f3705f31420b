package dev.conveyor.scheduler.webhook;

import dev.conveyor.common.net.UrlPolicy;
import dev.conveyor.store.WebhookDelivery;
import dev.conveyor.store.WebhookOutbox;
import dev.conveyor.store.WebhookSecrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due webhook events. A round claims a batch (each delivery leased, its attempt counted, in a short
 * transaction of its own) and POSTs them all at once on virtual threads, outside any transaction: a receiver that
 * hangs costs one thread until the timeout, nothing else. Each outcome is recorded guarded by its attempt: 2xx is
 * delivered; anything else is retried after an exponential backoff until {@code maxAge} after the event, then
 * recorded as failed. A sender that dies mid-call leaves its deliveries to be claimed again once their lease ends,
 * so a receiver may see an event twice (at least once): it de-duplicates on {@code Conveyor-Event-Id}.
 */
public class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /** The settings a sender needs; see {@code SchedulerProperties.Webhooks}. */
    public record Settings(int batchSize, Duration timeout, Duration lease, Duration initialBackoff,
            Duration maxBackoff, Duration maxAge, UrlPolicy urls) {
    }

    private final WebhookOutbox outbox;
    private final WebhookSecrets secrets;
    private final Clock clock;
    private final Settings settings;
    private final HttpClient http;
    private final MeterRegistry meters;

    public WebhookSender(WebhookOutbox outbox, WebhookSecrets secrets, MeterRegistry meters, Clock clock,
            Settings settings) {
        this.outbox = outbox;
        this.secrets = secrets;
        this.meters = meters;
        this.clock = clock;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Delivers one batch of due events; returns how many were claimed. */
    public int deliverDue() {
        List<WebhookDelivery> due = outbox.claimDue(settings.batchSize(), settings.lease());
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = due.stream().<Future<?>>map(delivery -> senders.submit(() -> deliver(delivery)))
                    .toList();
            for (Future<?> each : sent) {
                try {
                    each.get();
                } catch (Exception e) {
                    log.warn("Webhook delivery failed unexpectedly: {}", e.toString());
                }
            }
        }
        return due.size();
    }

    private void deliver(WebhookDelivery delivery) {
        URI url = URI.create(delivery.url());
        Optional<String> refused = settings.urls().refusal(url);
        if (refused.isPresent()) {
            // the URL was allowed at submission; its host may resolve elsewhere now
            failed(delivery, null, "refused: " + refused.get());
            return;
        }
        long now = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Conveyor-Webhooks")
                .header("Conveyor-Event-Id", delivery.id().toString())
                .header("Conveyor-Event", delivery.event())
                .header("Conveyor-Signature", WebhookSignature.header(secrets.secretFor(delivery.tenant()), now,
                        delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                outbox.delivered(delivery.id(), delivery.attempt(), response.statusCode());
                count("delivered");
            } else {
                failed(delivery, response.statusCode(), "HTTP " + response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed(delivery, null, e.toString());
        }
    }

    private void failed(WebhookDelivery delivery, Integer status, String error) {
        Instant retryAt = clock.instant().plus(backoff(delivery.attempt()));
        boolean giveUp = retryAt.isAfter(delivery.createdAt().plus(settings.maxAge()));
        outbox.attemptFailed(delivery.id(), delivery.attempt(), status, error, giveUp ? null : retryAt);
        count(giveUp ? "failed" : "retried");
        log.debug("Webhook {} to {} attempt {} failed: {}", delivery.id(), UrlPolicy.redacted(URI.create(
                delivery.url())), delivery.attempt(), error);
    }

    /** initialBackoff doubled per attempt after the first, at most maxBackoff. */
    Duration backoff(int attempt) {
        Duration backoff = settings.initialBackoff();
        for (int i = 1; i < attempt && backoff.compareTo(settings.maxBackoff()) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff;
    }

    private void count(String outcome) {
        Counter.builder("conveyor.webhooks.attempts")
                .description("Webhook delivery attempts by outcome: delivered, retried or failed (gave up)")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
