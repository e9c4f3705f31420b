package dev.conveyor.scheduler.schedule;

import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.ScheduleStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    @Bean
    ScheduleFirer scheduleFirer(ScheduleStore store, PlatformTransactionManager transactions,
            @Qualifier("dispatchTemplate") KafkaTemplate<String, byte[]> dispatchTemplate, MessageJson json,
            MeterRegistry meters, Clock clock, SchedulerProperties properties) {
        SchedulerProperties.Schedules schedules = properties.schedules();
        return new ScheduleFirer(store, transactions, dispatchTemplate, json, meters, clock, schedules.missedAfter(),
                schedules.batchSize(), schedules.maxCatchUpTicks());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "conveyor.scheduler.schedules.enabled", matchIfMissing = true)
    ScheduleLoop scheduleLoop(ScheduleFirer firer, SchedulerProperties properties) {
        return new ScheduleLoop(firer, properties.schedules().maxSleep());
    }
}
