package dev.conveyor.scheduler.manifest;

import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.system.EventPublisher;
import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.ManifestStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ManifestConfiguration {

    @Bean
    ManifestAdvancer manifestAdvancer(ManifestStore manifests, JobStore jobs, Dispatcher dispatcher,
            JsonMapper jsonMapper, EventPublisher events, PlatformTransactionManager transactionManager, Clock clock) {
        return new ManifestAdvancer(manifests, jobs, dispatcher, new ResultReferences(jsonMapper), events,
                new TransactionTemplate(transactionManager), clock);
    }

    /** Joins the other {@link dev.conveyor.scheduler.events.JobOutcomeHandler} beans behind the events listener. */
    @Bean
    ManifestOutcomeHandler manifestOutcomeHandler(ManifestAdvancer advancer) {
        return new ManifestOutcomeHandler(advancer);
    }

    @Bean
    ManifestSweeper manifestSweeper(ManifestStore manifests, ManifestAdvancer advancer,
            PlatformTransactionManager transactionManager, SchedulerProperties properties) {
        return new ManifestSweeper(manifests, advancer, transactionManager, properties.sweep().manifestBatchSize());
    }
}
