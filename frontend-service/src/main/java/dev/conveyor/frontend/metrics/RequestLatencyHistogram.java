package dev.conveyor.frontend.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives {@code http.server.requests} histogram buckets from 5 ms to 10 s, so the API dashboard can show latency
 * percentiles by route (the timer alone exports only count, sum and max). Fixed buckets, not Micrometer's
 * percentile histogram, to keep the series per route to a dozen.
 */
@Configuration(proxyBeanMethods = false)
class RequestLatencyHistogram {

    private static final double[] BUCKETS = Stream.of(Duration.ofMillis(5), Duration.ofMillis(10),
                    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
                    Duration.ofSeconds(10))
            .mapToDouble(Duration::toNanos)
            .toArray();

    @Bean
    MeterFilter requestLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config);
            }
        };
    }
}
