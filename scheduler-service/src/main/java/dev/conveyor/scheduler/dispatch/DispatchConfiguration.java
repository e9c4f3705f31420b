package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.event.JobSubmitted;
import dev.conveyor.common.routing.TopicLayout;
import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.observability.JobSpans;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.DispatchStore;
import dev.conveyor.store.TenantSlotStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;

/** The dispatch path: batches of {@code conveyor.jobs.submitted} in, JobDispatched out on the typed topics. */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DispatchConfiguration.class);

    /**
     * The producer of JobDispatched messages. The durability settings are set here, after whatever
     * {@code spring.kafka.producer.*} says, so configuration cannot weaken them: every in-sync replica acknowledges
     * ({@code acks=all}) and retries never duplicate or reorder ({@code enable.idempotence}). The delivery timeout is
     * the acknowledgement timeout, so the producer gives up on a record when the batch waiting for it does.
     */
    @Bean
    ProducerFactory<String, byte[]> dispatchProducerFactory(KafkaProperties kafka, SchedulerProperties properties) {
        SchedulerProperties.Dispatch dispatch = properties.dispatch();
        // the producer takes these as ints (milliseconds)
        int ackTimeout = (int) Math.min(Math.max(dispatch.ackTimeout().toMillis(), 1000), Integer.MAX_VALUE);
        int linger = (int) Math.min(dispatch.linger().toMillis(), 1000);
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        // a JobDispatched is a few hundred bytes; 128 KiB per partition lets one request carry a whole poll's batch
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        // a send must not block the dispatch transaction for long when the broker is unreachable
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(ackTimeout, 5000));
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(ackTimeout / 2, 500));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(ackTimeout, ackTimeout / 2 + linger + 1));
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, byte[]> dispatchTemplate(ProducerFactory<String, byte[]> dispatchProducerFactory) {
        return new KafkaTemplate<>(dispatchProducerFactory);
    }

    @Bean
    TypedTopics typedTopics(KafkaAdmin admin, TopicLayout kafka) {
        return new TypedTopics(admin.getConfigurationProperties(), kafka.partitions(), kafka.replicationFactor());
    }

    @Bean
    MessageSender messageSender(KafkaTemplate<String, byte[]> dispatchTemplate, TypedTopics topics,
            SchedulerProperties properties) {
        Duration ackTimeout = properties.dispatch().ackTimeout();
        return new MessageSender(dispatchTemplate, topics, ackTimeout);
    }

    @Bean
    DispatchPublisher dispatchPublisher(TopicRouter router, MessageJson json, Clock clock, JobSpans spans) {
        return new DispatchPublisher(router, json, clock, spans);
    }

    @Bean
    RunningSlots runningSlots(TenantSlotStore store, SchedulerProperties properties) {
        SchedulerProperties.Quotas quotas = properties.quotas();
        return new RunningSlots(store, new TenantCaps(quotas.maxRunning(), quotas.tenants()));
    }

    @Bean
    Dispatcher dispatcher(DispatchStore store, DispatchPublisher publisher, MessageSender sender,
            PlatformTransactionManager transactionManager, RunningSlots slots, MeterRegistry meters, Clock clock) {
        return new Dispatcher(store, new DispatchDecider(), publisher, sender,
                new TransactionTemplate(transactionManager), slots, meters, clock);
    }

    /** A finished job frees a slot of its tenant: jobs that waited for one are queued at once. */
    @Bean
    FreedSlotHandler freedSlotHandler(Dispatcher dispatcher) {
        return new FreedSlotHandler(dispatcher);
    }

    /**
     * Bound to {@code conveyor.jobs.submitted} as {@code jobSubmitted-in-0} in batch mode: one call per poll, one
     * transaction for the whole poll. Payloads are read here, not by the binder's converters, so an unreadable
     * record is logged and skipped without holding up the rest of its batch: no retry can fix it, and the sweep
     * still finds the job by its age. A failed dispatch throws: the binder's error handler hands the batch over again,
     * and whatever is still SUBMITTED after that is the sweep's.
     */
    @Bean
    Consumer<List<byte[]>> jobSubmitted(Dispatcher dispatcher, MessageJson json) {
        return payloads -> {
            List<UUID> ids = new ArrayList<>(payloads.size());
            for (byte[] payload : payloads) {
                JobSubmitted submitted;
                try {
                    submitted = json.read(payload, JobSubmitted.class);
                } catch (JacksonException | IllegalArgumentException e) {
                    // IllegalArgumentException: a record without a value
                    log.warn("Skipping unreadable JobSubmitted: {}", e.getMessage());
                    continue;
                }
                if (submitted == null || submitted.jobId() == null) {
                    log.warn("Skipping JobSubmitted without a jobId");
                    continue;
                }
                ids.add(submitted.jobId());
            }
            if (!ids.isEmpty()) {
                dispatcher.onSubmitted(ids);
            }
        };
    }
}
