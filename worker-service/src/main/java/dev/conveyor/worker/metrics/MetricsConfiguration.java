package dev.conveyor.worker.metrics;

import dev.conveyor.worker.handler.JobHandlers;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    JobRunMetrics jobRunMetrics(MeterRegistry meters, JobHandlers handlers) {
        return new JobRunMetrics(meters, handlers.types());
    }
}
