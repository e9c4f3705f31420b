package dev.conveyor.worker.execution;

import dev.conveyor.observability.JobSpans;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.LeaseStore;
import dev.conveyor.store.OutcomeStore;
import dev.conveyor.worker.handler.JobHandlers;
import dev.conveyor.worker.metrics.JobRunMetrics;
import dev.conveyor.worker.system.ConveyorLimits;
import dev.conveyor.worker.system.WorkerProperties;
import dev.conveyor.worker.warehouse.Warehouse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    /**
     * With {@code conveyor.worker.slots.busy} and {@code .free} by {@code pool} (the consumer group: one per worker
     * pool), so a pool's utilisation sums over its pods.
     */
    @Bean
    ExecutionSlots executionSlots(WorkerProperties properties, MeterRegistry meters) {
        ExecutionSlots slots = new ExecutionSlots(properties.concurrency());
        Gauge.builder("conveyor.worker.slots.free", slots, ExecutionSlots::free)
                .description("Jobs this worker may still start")
                .tag("pool", properties.group())
                .register(meters);
        Gauge.builder("conveyor.worker.slots.busy", slots, s -> s.capacity() - s.free())
                .description("Jobs this worker runs or is about to run")
                .tag("pool", properties.group())
                .register(meters);
        return slots;
    }

    @Bean(destroyMethod = "close")
    OutcomeWriter outcomeWriter(OutcomeStore outcomes, LeaseStore leases, WorkerProperties properties) {
        return new OutcomeWriter(outcomes, leases, properties.workerId(), properties.outcomeWriters());
    }

    @Bean
    JobEventPublisher jobEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper mapper, Clock clock,
            WorkerProperties properties) {
        return new JobEventPublisher(kafka, mapper, clock, properties.workerId());
    }

    @Bean
    QueueMessagePublisher queueMessagePublisher(KafkaTemplate<String, String> kafka, JsonMapper mapper, Clock clock) {
        return new QueueMessagePublisher(kafka, mapper, clock);
    }

    @Bean
    FollowUpJobs followUpJobs(JobStore jobs, QueueMessagePublisher messages, ConveyorLimits limits, JobSpans spans) {
        return new FollowUpJobs(jobs, messages, limits.maxDepth(), spans);
    }

    @Bean(destroyMethod = "close")
    AttemptTimeouts attemptTimeouts(Clock clock) {
        return new AttemptTimeouts(clock);
    }

    @Bean
    JobExecutor jobExecutor(JobHandlers handlers, JobStore jobs, OutcomeWriter outcomes, LeaseStore leases,
            JobEventPublisher events, QueueMessagePublisher messages, FollowUpJobs followUps, Warehouse warehouse,
            AttemptTimeouts timeouts, WorkerProperties properties, Clock clock, MeterRegistry meters,
            JobRunMetrics metrics, JobSpans spans) {
        AttemptOutcomeDecider decider = new AttemptOutcomeDecider(RetryPolicy.from(properties.retry()),
                () -> ThreadLocalRandom.current().nextDouble());
        Consumer<Job> announceStart = properties.publishStarted() ? events::started : job -> {
        };
        return new JobExecutor(handlers, jobs, leases, announceStart, messages, followUps,
                warehouse, decider, new AttemptRecorder(outcomes, events, metrics), timeouts, properties.workerId(),
                clock, meters, metrics, spans, properties.concurrency());
    }

    @Bean
    Heartbeats heartbeats(JobExecutor executor, OutcomeWriter outcomes, JobEventPublisher events,
            WorkerProperties properties) {
        return new Heartbeats(executor, outcomes, events, properties.heartbeatInterval(), properties.lease());
    }
}
