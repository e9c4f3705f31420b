package dev.conveyor.worker.execution;

import dev.conveyor.store.JobStore;
import dev.conveyor.store.LeaseStore;
import dev.conveyor.store.OutcomeStore;
import dev.conveyor.worker.handler.JobHandlers;
import dev.conveyor.worker.system.ConveyorLimits;
import dev.conveyor.worker.system.WorkerProperties;
import dev.conveyor.worker.warehouse.Warehouse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    @Bean
    ExecutionSlots executionSlots(WorkerProperties properties, MeterRegistry meters) {
        ExecutionSlots slots = new ExecutionSlots(properties.concurrency());
        meters.gauge("conveyor.worker.slots.free", slots, ExecutionSlots::free);
        return slots;
    }

    @Bean(destroyMethod = "close")
    OutcomeWriter outcomeWriter(OutcomeStore outcomes, LeaseStore leases, WorkerProperties properties) {
        return new OutcomeWriter(outcomes, leases, properties.workerId());
    }

    @Bean
    LifecycleEvents lifecycleEvents(KafkaTemplate<String, String> kafka, JsonMapper mapper, Clock clock,
            WorkerProperties properties) {
        return new LifecycleEvents(kafka, mapper, clock, properties.workerId());
    }

    @Bean
    QueueMessages queueMessages(KafkaTemplate<String, String> kafka, JsonMapper mapper, Clock clock) {
        return new QueueMessages(kafka, mapper, clock);
    }

    @Bean
    FollowUpJobs followUpJobs(JobStore jobs, QueueMessages messages, ConveyorLimits limits) {
        return new FollowUpJobs(jobs, messages, limits.maxDepth());
    }

    @Bean(destroyMethod = "close")
    JobExecutor jobExecutor(JobHandlers handlers, JobStore jobs, OutcomeWriter outcomes, LeaseStore leases,
            LifecycleEvents events, QueueMessages messages, FollowUpJobs followUps, Warehouse warehouse,
            WorkerProperties properties, Clock clock, MeterRegistry meters) {
        return new JobExecutor(handlers, jobs, outcomes, leases, events, properties.publishStarted(), messages,
                followUps, warehouse, RetryPolicy.from(properties.retry()), properties.workerId(), clock, meters);
    }

    @Bean
    Heartbeats heartbeats(JobExecutor executor, OutcomeWriter outcomes, LifecycleEvents events,
            WorkerProperties properties) {
        return new Heartbeats(executor, outcomes, events, properties.heartbeatInterval(), properties.lease());
    }
}
