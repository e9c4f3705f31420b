package dev.conveyor.scheduler.trigger;

import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.TriggerStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class TriggerConfiguration {

    @Bean
    TriggerScanner triggerScanner(TriggerStore store, WatchedFilesProperties files,
            PlatformTransactionManager transactions,
            @Qualifier("dispatchTemplate") KafkaTemplate<String, byte[]> dispatchTemplate, MessageJson json,
            MeterRegistry meters, Clock clock, SchedulerProperties properties) {
        SchedulerProperties.Triggers triggers = properties.triggers();
        return new TriggerScanner(store, files, transactions, dispatchTemplate, json, meters, clock,
                triggers.stableAfter(), triggers.batchSize());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "conveyor.scheduler.triggers.enabled", matchIfMissing = true)
    TriggerLoop triggerLoop(TriggerScanner scanner, SchedulerProperties properties) {
        return new TriggerLoop(scanner, properties.triggers().interval());
    }
}
