package dev.conveyor.observability;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The {@link JobSpans} of every service; without a tracer (tracing off) its spans are no-ops. */
@AutoConfiguration
public class ObservabilityAutoConfiguration {

    @Bean
    JobSpans jobSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new JobSpans(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
