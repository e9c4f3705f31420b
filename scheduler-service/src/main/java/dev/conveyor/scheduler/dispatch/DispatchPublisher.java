package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.store.Job;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes a JobDispatched on the job's typed topic and returns only once Kafka acknowledged it.
 * The binder runs its producers with {@code sync: true} and {@code acks=all} (scheduler.yml), so a
 * send that fails or times out throws here instead of being logged on a producer thread.
 */
public class DispatchPublisher {

    private final StreamBridge streamBridge;
    private final TopicRouter router;
    private final MessageJson json;
    private final Clock clock;

    public DispatchPublisher(StreamBridge streamBridge, TopicRouter router, MessageJson json, Clock clock) {
        this.streamBridge = streamBridge;
        this.router = router;
        this.json = json;
        this.clock = clock;
    }

    public String topicFor(Job job) {
        return router.topicFor(job.tenant(), job.type());
    }

    public void publish(Job job, String topic) {
        JobDispatched dispatched = new JobDispatched(JobDispatched.SCHEMA_VERSION, job.id(), job.tenant(),
                job.type(), job.attempt(), job.params(), job.timeout(), job.manifestId(), clock.instant());
        Message<byte[]> message = MessageBuilder.withPayload(json.write(dispatched))
                // keyed by job id: every message of one job lands in one partition
                .setHeader(KafkaHeaders.KEY, job.id().toString().getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .build();
        boolean sent;
        try {
            sent = streamBridge.send(topic, message);
        } catch (RuntimeException e) {
            throw new DispatchNotAcknowledgedException(job.id(), topic, e);
        }
        if (!sent) {
            throw new DispatchNotAcknowledgedException(job.id(), topic, null);
        }
    }
}
