package dev.conveyor.scheduler.manifest;

import dev.conveyor.common.manifest.ResultReferences;
import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.metrics.ManifestMetrics;
import dev.conveyor.scheduler.system.BatchTransactions;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.ManifestStore;
import java.time.Clock;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ManifestConfiguration {

    @Bean
    ManifestAdvancer manifestAdvancer(ManifestStore manifests, JobStore jobs, Dispatcher dispatcher,
            JsonMapper jsonMapper, ManifestEventPublisher events, PlatformTransactionManager transactionManager,
            ManifestMetrics metrics, Clock clock) {
        return new ManifestAdvancer(manifests, jobs, dispatcher, new ResultReferences(jsonMapper::writeValueAsString), events,
                new TransactionTemplate(transactionManager), metrics, clock);
    }

    @Bean
    ManifestEventPublisher manifestEventPublisher(StreamBridge streamBridge, MessageJson json) {
        return new ManifestEventPublisher(streamBridge, json);
    }

    /** Joins the other {@link dev.conveyor.scheduler.events.JobOutcomeHandler} beans behind the events listener. */
    @Bean
    ManifestOutcomeHandler manifestOutcomeHandler(ManifestAdvancer advancer) {
        return new ManifestOutcomeHandler(advancer);
    }

    @Bean
    ManifestSweeper manifestSweeper(ManifestStore manifests, ManifestAdvancer advancer, BatchTransactions transactions,
            SchedulerProperties properties) {
        return new ManifestSweeper(manifests, advancer, transactions, properties.sweep().manifestBatchSize());
    }
}
