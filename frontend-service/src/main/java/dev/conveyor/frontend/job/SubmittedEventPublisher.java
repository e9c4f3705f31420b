package dev.conveyor.frontend.job;

import dev.conveyor.common.event.JobSubmitted;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.store.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the scheduler about a committed job. Fire and forget on purpose: {@code KafkaTemplate.send}
 * can block for up to {@code max.block.ms} when the broker is away, so it runs on its own virtual
 * thread and the POST never waits for Kafka. A lost message loses nothing: the scheduler's sweeper
 * dispatches any job left SUBMITTED. Failures are logged and counted.
 */
@Component
class SubmittedEventPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SubmittedEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Counter failures;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    SubmittedEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper mapper, Clock clock,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.mapper = mapper;
        this.clock = clock;
        this.failures = Counter.builder("conveyor.submissions.publish.failures")
                .description("JobSubmitted messages that could not be published (the sweeper picks the job up)")
                .register(meters);
    }

    /** Call only after the job row has committed: the scheduler may read it as soon as this arrives. */
    void publish(Job job) {
        String key = job.id().toString();
        String value = mapper.writeValueAsString(JobSubmitted.of(job.id(), job.tenant(), job.type(), clock.instant()));
        executor.execute(() -> {
            try {
                kafka.send(Topics.SUBMITTED, key, value).whenComplete((sent, error) -> {
                    if (error != null) {
                        failed(key, error);
                    }
                });
            } catch (RuntimeException e) {
                failed(key, e);
            }
        });
    }

    private void failed(String jobId, Throwable error) {
        failures.increment();
        log.warn("Could not publish JobSubmitted for job {}; the sweeper will dispatch it: {}", jobId,
                error.toString());
    }

    @Override
    public void destroy() {
        executor.close();
    }
}
