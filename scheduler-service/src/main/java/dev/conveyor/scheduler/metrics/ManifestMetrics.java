package dev.conveyor.scheduler.metrics;

import dev.conveyor.common.metrics.DurationBuckets;
import dev.conveyor.common.manifest.ManifestState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code conveyor.manifests.finished{outcome}} and {@code conveyor.manifests.duration{outcome}} (submitted to
 * finished, a histogram), recorded once per manifest by the replica whose guarded update finished it.
 */
public class ManifestMetrics {

    private final MeterRegistry meters;

    public ManifestMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (ManifestState state : ManifestState.values()) {
            if (state != ManifestState.RUNNING) {
                counter(state);
                timer(state);
            }
        }
    }

    public void finished(ManifestState outcome, Duration took) {
        counter(outcome).increment();
        timer(outcome).record(took);
    }

    private Counter counter(ManifestState outcome) {
        return Counter.builder("conveyor.manifests.finished")
                .description("Manifests that finished, by final state")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters);
    }

    private Timer timer(ManifestState outcome) {
        return Timer.builder("conveyor.manifests.duration")
                .description("Time from a manifest's submission to its end")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .serviceLevelObjectives(DurationBuckets.BOUNDARIES)
                .register(meters);
    }
}
