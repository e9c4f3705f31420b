package dev.conveyor.scheduler.recovery;

import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.dispatch.MessageSender;
import dev.conveyor.scheduler.manifest.ManifestSweeper;
import dev.conveyor.scheduler.system.BatchTransactions;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.DispatchStore;
import dev.conveyor.store.RetentionStore;
import dev.conveyor.store.VacuumCheck;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {

    @Bean
    LeaseSweeper leaseSweeper(DispatchStore store, Dispatcher dispatcher, MessageSender sender, MessageJson json,
            BatchTransactions transactions, Clock clock, SchedulerProperties properties) {
        return new LeaseSweeper(store, dispatcher, sender, json, transactions, clock,
                properties.sweep().batchSize());
    }

    @Bean
    Sweeper sweeper(DispatchStore store, Dispatcher dispatcher, LeaseSweeper leases, ManifestSweeper manifests,
            BatchTransactions transactions, MeterRegistry meters, Clock clock, SchedulerProperties properties) {
        SchedulerProperties.Sweep sweep = properties.sweep();
        return new Sweeper(store, dispatcher, leases, manifests, transactions, meters, clock,
                sweep.lostMessageAfter(), sweep.requeueQueuedAfter(), sweep.batchSize());
    }

    @Bean
    RetentionSweeper retentionSweeper(RetentionStore store, Clock clock, SchedulerProperties properties) {
        SchedulerProperties.Retention retention = properties.retention();
        return new RetentionSweeper(store, clock, retention.finishedJobs(), retention.batchSize());
    }

    @Bean
    VacuumWarning vacuumWarning(VacuumCheck check) {
        return new VacuumWarning(check);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "conveyor.scheduler.sweep.enabled", matchIfMissing = true)
    SweepLoop sweepLoop(Sweeper sweeper, RetentionSweeper retention, SchedulerProperties properties, Clock clock) {
        return new SweepLoop(sweeper, retention, properties.sweep().interval(), properties.retention().interval(),
                clock);
    }
}
