package dev.conveyor.scheduler.dispatch;

import dev.conveyor.observability.TraceParents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends a batch of messages without waiting for each one, then waits for all acknowledgements at once. The
 * producer runs with {@code acks=all} and idempotence (see {@code DispatchConfiguration}), so an acknowledged
 * message is on every in-sync replica. Callers send inside the transaction that moves the rows and wait before
 * it commits: a message that is not acknowledged in time fails the whole batch, and the rows roll back.
 */
public class MessageSender {

    private final KafkaTemplate<String, byte[]> template;
    private final TypedTopics topics;
    private final Duration ackTimeout;

    public MessageSender(KafkaTemplate<String, byte[]> template, TypedTopics topics, Duration ackTimeout) {
        this.template = template;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
    }

    public Batch batch() {
        return new Batch();
    }

    /** Messages sent together and acknowledged together; not thread-safe, one per transaction. */
    public final class Batch {

        private final List<CompletableFuture<?>> pending = new ArrayList<>();

        private Batch() {
        }

        /** @param key the record key: every message about one job or manifest keeps its order in one partition */
        public void send(String topic, UUID key, byte[] payload) {
            send(topic, key, payload, null);
        }

        /** @param traceParent the W3C trace context of the span that sends it, as a {@code traceparent} header, or null */
        public void send(String topic, UUID key, byte[] payload, String traceParent) {
            try {
                topics.ensure(topic);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key.toString(), payload);
                if (traceParent != null) {
                    record.headers().add(TraceParents.HEADER, traceParent.getBytes(StandardCharsets.US_ASCII));
                }
                pending.add(template.send(record));
            } catch (RuntimeException e) {
                // a send can also fail before it returns (no metadata within max.block.ms, a record too large)
                pending.add(CompletableFuture.failedFuture(e));
            }
        }

        public int size() {
            return pending.size();
        }

        /**
         * Waits until Kafka acknowledged every message of the batch, at most the acknowledgement timeout in all.
         *
         * @throws DispatchNotAcknowledgedException when one was refused or not acknowledged in time
         */
        public void awaitAcknowledged() {
            if (pending.isEmpty()) {
                return;
            }
            try {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                        .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new DispatchNotAcknowledgedException(pending.size(), e.getCause());
            } catch (TimeoutException e) {
                throw new DispatchNotAcknowledgedException(pending.size(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DispatchNotAcknowledgedException(pending.size(), e);
            }
        }
    }
}
