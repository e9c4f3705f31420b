package dev.conveyor.scheduler.webhook;

import dev.conveyor.common.net.UrlPolicy;
import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.WebhookOutbox;
import dev.conveyor.store.WebhookSecrets;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    WebhookSender webhookSender(WebhookOutbox outbox, WebhookSecrets secrets, MeterRegistry meters, Clock clock,
            SchedulerProperties properties) {
        SchedulerProperties.Webhooks webhooks = properties.webhooks();
        return new WebhookSender(outbox, secrets, meters, clock, new WebhookSender.Settings(webhooks.batchSize(),
                webhooks.timeout(), webhooks.lease(), webhooks.initialBackoff(), webhooks.maxBackoff(),
                webhooks.maxAge(), new UrlPolicy(Set.copyOf(items(webhooks.allowedSchemes())),
                        items(webhooks.allowedHosts()), webhooks.allowPrivateAddresses())));
    }

    /** A default of {@code "https,http"} binds as one element; a list given item by item does not need this. */
    static List<String> items(List<String> values) {
        return values.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(value -> !value.isEmpty()).toList();
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "conveyor.scheduler.webhooks.enabled", matchIfMissing = true)
    WebhookLoop webhookLoop(WebhookSender sender, SchedulerProperties properties) {
        return new WebhookLoop(sender, properties.webhooks().interval());
    }
}
