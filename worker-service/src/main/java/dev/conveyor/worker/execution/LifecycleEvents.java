package dev.conveyor.worker.execution;

import dev.conveyor.common.event.JobFailed;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobStarted;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.store.Job;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes what happened to a job on {@code conveyor.jobs.events}, keyed by job id. Called after the
 * outcome is committed: a failed publish is logged and never undoes the database, which stays the truth.
 */
public class LifecycleEvents {

    private static final Logger log = LoggerFactory.getLogger(LifecycleEvents.class);

    private final KafkaTemplate<String, String> kafka;
    private final ObjectWriter writer;
    private final Clock clock;
    private final String worker;

    public LifecycleEvents(KafkaTemplate<String, String> kafka, JsonMapper mapper, Clock clock, String worker) {
        this.kafka = kafka;
        // written as the interface so the JSON carries its kind in the "event" field
        this.writer = mapper.writerFor(JobLifecycleEvent.class);
        this.clock = clock;
        this.worker = worker;
    }

    public void started(Job job) {
        publish(new JobStarted(JobLifecycleEvent.SCHEMA_VERSION, job.id(), job.tenant(), job.type(), job.attempt(),
                job.manifestId(), worker, clock.instant()));
    }

    public void succeeded(Job job, Map<String, Object> result) {
        publish(new JobSucceeded(JobLifecycleEvent.SCHEMA_VERSION, job.id(), job.tenant(), job.type(),
                job.attempt(), job.manifestId(), worker, result, clock.instant()));
    }

    public void failed(Job job, String error, boolean willRetry) {
        publish(new JobFailed(JobLifecycleEvent.SCHEMA_VERSION, job.id(), job.tenant(), job.type(), job.attempt(),
                job.manifestId(), worker, error, willRetry, clock.instant()));
    }

    private void publish(JobLifecycleEvent event) {
        String key = event.jobId().toString();
        try {
            kafka.send(Topics.EVENTS, key, writer.writeValueAsString(event)).whenComplete((sent, failure) -> {
                if (failure != null) {
                    log.warn("Could not publish {} for job {}: {}", event.getClass().getSimpleName(), key,
                            failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not publish {} for job {}: {}", event.getClass().getSimpleName(), key, e.toString());
        }
    }
}
