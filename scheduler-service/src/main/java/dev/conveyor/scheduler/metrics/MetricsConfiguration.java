package dev.conveyor.scheduler.metrics;

import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.JobStateCounts;
import dev.conveyor.store.JobTypeStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** Joins the other {@link dev.conveyor.scheduler.events.JobOutcomeHandler} beans behind the events listener. */
    @Bean
    JobOutcomeMetrics jobOutcomeMetrics(MeterRegistry meters) {
        return new JobOutcomeMetrics(meters);
    }

    @Bean
    ManifestMetrics manifestMetrics(MeterRegistry meters) {
        return new ManifestMetrics(meters);
    }

    @Bean
    JobStateGauges jobStateGauges(JobStateCounts counts, JobTypeStore types, JobOutcomeMetrics outcomes,
            MeterRegistry meters, Clock clock) {
        return new JobStateGauges(counts, types, outcomes::knownType, meters, clock);
    }

    @Bean(destroyMethod = "close")
    TopicLag topicLag(KafkaAdmin admin, SchedulerProperties properties, MeterRegistry meters) {
        return new TopicLag(Admin.create(admin.getConfigurationProperties()),
                new HashSet<>(properties.routes().values()), meters, Duration.ofSeconds(10));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "conveyor.scheduler.sweep.enabled", matchIfMissing = true)
    MetricsLoop metricsLoop(JobStateGauges states, TopicLag lag, SchedulerProperties properties) {
        return new MetricsLoop(states, lag, properties.metrics().stateRefreshInterval());
    }
}
