package dev.conveyor.launcher.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenTelemetry {@link SpanExporter} of every service a test starts with
 * {@code --spring.main.sources=} this class: one exporter shared by all of them, so a test sees the spans of the
 * frontend, the scheduler and the worker side by side.
 */
@Configuration(proxyBeanMethods = false)
public class InMemorySpans {

    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Bean
    SpanExporter inMemorySpanExporter() {
        return EXPORTER;
    }
}
