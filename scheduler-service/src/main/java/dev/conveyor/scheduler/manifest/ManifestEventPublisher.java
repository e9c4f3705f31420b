package dev.conveyor.scheduler.manifest;

import dev.conveyor.common.event.ManifestEvent;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.system.MessageJson;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes ManifestSucceeded and ManifestFailed on {@code conveyor.manifests.events}, keyed by manifest id,
 * and returns only once Kafka acknowledged them: the producers run with {@code sync: true} and {@code acks=all}
 * (scheduler.yml), so a failed or timed-out send throws {@link EventNotAcknowledgedException} here.
 */
public class ManifestEventPublisher {

    private final StreamBridge streamBridge;
    private final MessageJson json;

    public ManifestEventPublisher(StreamBridge streamBridge, MessageJson json) {
        this.streamBridge = streamBridge;
        this.json = json;
    }

    /** Keyed by manifest id, so every message about one manifest keeps its order. */
    public void publish(ManifestEvent event) {
        String topic = Topics.MANIFEST_EVENTS;
        Message<byte[]> message = MessageBuilder.withPayload(json.write(event))
                .setHeader(KafkaHeaders.KEY, event.manifestId().toString().getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .build();
        boolean sent;
        try {
            sent = streamBridge.send(topic, message);
        } catch (RuntimeException e) {
            throw new EventNotAcknowledgedException(event, topic, e);
        }
        if (!sent) {
            throw new EventNotAcknowledgedException(event, topic, null);
        }
    }

    /** Kafka did not acknowledge an event; whatever the caller's transaction changed must roll back. */
    public static class EventNotAcknowledgedException extends RuntimeException {

        EventNotAcknowledgedException(Object event, String topic, Throwable cause) {
            super(event.getClass().getSimpleName() + " was not acknowledged by " + topic, cause);
        }
    }
}
