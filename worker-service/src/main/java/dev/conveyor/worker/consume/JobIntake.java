package dev.conveyor.worker.consume;

import dev.conveyor.worker.execution.ExecutionSlots;
import dev.conveyor.worker.execution.JobExecutor;
import dev.conveyor.worker.system.WorkerProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The Kafka side of the worker: one listener container over the typed topics. It pauses when every
 * execution slot is busy and resumes when one frees, so unconsumed jobs stay on the topic (consumer
 * lag is the real backlog) and another worker in the group can take them. On shutdown (SIGTERM or
 * closing the context) it stops consuming first, then waits up to {@code conveyor.worker.drain-timeout}
 * for the running jobs to finish; jobs still running then are stopped, handed back to QUEUED without
 * counting the attempt, and dispatched again on the topic they came from, so another worker starts
 * them at once.
 */
public class JobIntake implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobIntake.class);

    /**
     * The longest a fetch waits at the broker for records (Kafka's default is 500 ms). The records of a poll
     * without free slots are put back with a seek, and the consumer cannot fetch them again while its previous
     * fetch from the same broker waits there for records on partitions that have none: at the end of a backlog
     * the last jobs waited half a second for slots that were free.
     */
    static final Duration FETCH_WAIT = Duration.ofMillis(100);

    private final ConsumerFactory<String, String> consumers;
    private final DispatchListener listener;
    private final ConsumedTopics topics;
    private final WorkerProperties properties;
    private final ExecutionSlots slots;
    private final JobExecutor executor;
    private volatile ConcurrentMessageListenerContainer<String, String> container;

    JobIntake(ConsumerFactory<String, String> consumers, DispatchListener listener, ConsumedTopics topics,
            WorkerProperties properties, ExecutionSlots slots, JobExecutor executor) {
        this.consumers = consumers;
        this.listener = listener;
        this.topics = topics;
        this.properties = properties;
        this.slots = slots;
        this.executor = executor;
    }

    @Override
    public synchronized void start() {
        ContainerProperties containerProperties = new ContainerProperties(topics.names().toArray(String[]::new));
        containerProperties.setGroupId(properties.group());
        // the listener commits the offsets of the records it took itself, once their claim committed, and
        // puts the consumer back to the records it could not take; the container commits nothing
        containerProperties.setAckMode(ContainerProperties.AckMode.MANUAL);
        containerProperties.setKafkaConsumerProperties(
                consumerProperties(consumers.getConfigurationProperties(), properties));
        containerProperties.setMessageListener(listener);

        ConcurrentMessageListenerContainer<String, String> created =
                new ConcurrentMessageListenerContainer<>(consumers, containerProperties);
        created.setBeanName("conveyor-intake");
        // a claim that fails (job database unreachable) is retried on the same batch until it works
        created.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(2000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        slots.listener(new ExecutionSlots.Listener() {
            @Override
            public void exhausted() {
                created.pause();
            }

            @Override
            public void available() {
                created.resume();
            }
        });
        created.start();
        container = created;
        log.info("Consuming {} as group {} with {} slots", topics.names(), properties.group(), slots.capacity());
    }

    /**
     * The intake's settings on top of the configured Kafka consumer settings. The session is sized from the job
     * heartbeat (see {@link ConsumerGroupTimings}) and a fetch waits at most {@link #FETCH_WAIT} for new records,
     * unless the Kafka settings name them themselves.
     */
    static Properties consumerProperties(Map<String, Object> configured, WorkerProperties properties) {
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(properties.maxPollRecords()));
        if (!configured.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
            ConsumerGroupTimings timings = ConsumerGroupTimings.forJobHeartbeat(properties.heartbeatInterval());
            consumer.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(timings.sessionTimeout().toMillis()));
            consumer.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                    String.valueOf(timings.heartbeatInterval().toMillis()));
        }
        if (!configured.containsKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)) {
            consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(FETCH_WAIT.toMillis()));
        }
        return consumer;
    }

    @Override
    public synchronized void stop() {
        ConcurrentMessageListenerContainer<String, String> running = container;
        if (running == null) {
            return;
        }
        running.stop();
        container = null;
        slots.listener(null);
        if (!executor.drain(properties.drainTimeout())) {
            int left = executor.running().size();
            int handedBack = executor.handBackRemaining(properties.heartbeatInterval());
            log.warn("{} jobs still running after the drain timeout of {}; stopped them and handed {} back to "
                    + "the queue", left, properties.drainTimeout(), handedBack);
        }
    }

    @Override
    public boolean isRunning() {
        return container != null;
    }

    /** Stops before the heartbeats, which keep leases fresh while running jobs drain. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    /** True when the intake asked Kafka to stop fetching because every slot is busy. */
    public boolean isPauseRequested() {
        ConcurrentMessageListenerContainer<String, String> running = container;
        return running != null && running.isPauseRequested();
    }

    public boolean isContainerPaused() {
        ConcurrentMessageListenerContainer<String, String> running = container;
        return running != null && running.isContainerPaused();
    }
}
