package dev.conveyor.scheduler.recovery;

import dev.conveyor.scheduler.dispatch.DispatchPublisher;
import dev.conveyor.scheduler.dispatch.Dispatcher;
import dev.conveyor.scheduler.manifest.ManifestSweeper;
import dev.conveyor.scheduler.system.EventPublisher;
import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {

    @Bean
    LeaseSweeper leaseSweeper(JobStore jobs, DispatchPublisher dispatches, EventPublisher events,
            PlatformTransactionManager transactionManager, Clock clock, SchedulerProperties properties) {
        return new LeaseSweeper(jobs, dispatches, events, transactionManager, clock, properties.sweep().batchSize());
    }

    @Bean
    Sweeper sweeper(JobStore jobs, Dispatcher dispatcher, LeaseSweeper leases, ManifestSweeper manifests,
            PlatformTransactionManager transactionManager, MeterRegistry meters, Clock clock,
            SchedulerProperties properties) {
        SchedulerProperties.Sweep sweep = properties.sweep();
        return new Sweeper(jobs, dispatcher, leases, manifests, transactionManager, meters, clock,
                sweep.lostMessageAfter(), sweep.batchSize());
    }

    @Bean
    JobStateGauge jobStateGauge(JdbcClient jdbc, MeterRegistry meters) {
        return new JobStateGauge(jdbc, meters);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "conveyor.scheduler.sweep.enabled", matchIfMissing = true)
    SweepLoop sweepLoop(Sweeper sweeper, JobStateGauge gauge, SchedulerProperties properties, Clock clock) {
        return new SweepLoop(sweeper, gauge, properties.sweep().interval(),
                properties.metrics().stateRefreshInterval(), clock);
    }
}
