package dev.conveyor.worker.execution;

import dev.conveyor.store.JobStore;
import dev.conveyor.store.JsonColumns;
import dev.conveyor.worker.handler.JobHandlers;
import dev.conveyor.worker.system.ConveyorLimits;
import dev.conveyor.worker.system.WorkerProperties;
import dev.conveyor.worker.warehouse.Warehouse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    @Bean
    LeaseStore leaseStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        return new LeaseStore(jdbc, json, clock);
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
    JobExecutor jobExecutor(JobHandlers handlers, JobStore jobs, LeaseStore leases, LifecycleEvents events,
            QueueMessages messages, FollowUpJobs followUps, Warehouse warehouse, WorkerProperties properties,
            Clock clock, MeterRegistry meters) {
        return new JobExecutor(handlers, jobs, leases, events, messages, followUps, warehouse,
                RetryPolicy.from(properties.retry()), properties.workerId(), clock, meters);
    }

    @Bean
    Heartbeats heartbeats(JobExecutor executor, LeaseStore leases, JobStore jobs, LifecycleEvents events,
            WorkerProperties properties) {
        return new Heartbeats(executor, leases, jobs, events, properties.workerId(), properties.heartbeatInterval(),
                properties.lease());
    }
}
