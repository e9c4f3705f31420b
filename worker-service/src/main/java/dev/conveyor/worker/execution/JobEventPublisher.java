package dev.conveyor.worker.execution;

import dev.conveyor.common.event.JobCancelled;
import dev.conveyor.common.event.JobDeadLettered;
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
 * Publishes what happened to a job on {@code conveyor.jobs.events}, and jobs that failed for good also
 * on {@code conveyor.jobs.dead-letter}, keyed by job id. Called after the
 * outcome is committed: a failed publish is logged and never undoes the database, which stays the truth.
 */
public class JobEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(JobEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final ObjectWriter writer;
    private final ObjectWriter deadLetters;
    private final Clock clock;
    private final String worker;

    public JobEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper mapper, Clock clock, String worker) {
        this.kafka = kafka;
        // written as the interface so the JSON carries its kind in the "event" field
        this.writer = mapper.writerFor(JobLifecycleEvent.class);
        this.deadLetters = mapper.writerFor(JobDeadLettered.class);
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

    /** The attempt failed and the job is tried again: {@code JobFailed} with {@code willRetry=true}. */
    public void retrying(Job job, String error) {
        failed(job, error, true);
    }

    /** The job failed for good: {@code JobFailed} with {@code willRetry=false}; see also {@link #deadLettered}. */
    public void failedForGood(Job job, String error) {
        failed(job, error, false);
    }

    private void failed(Job job, String error, boolean willRetry) {
        publish(new JobFailed(JobLifecycleEvent.SCHEMA_VERSION, job.id(), job.tenant(), job.type(), job.attempt(),
                job.manifestId(), worker, error, willRetry, clock.instant()));
    }

    public void cancelled(Job job, String reason) {
        publish(new JobCancelled(JobLifecycleEvent.SCHEMA_VERSION, job.id(), job.tenant(), job.type(), job.attempt(),
                job.manifestId(), worker, reason, clock.instant()));
    }

    /** A job failed for good: its ids, error and attempt, never its params, go to the dead-letter topic. */
    public void deadLettered(Job job, String error) {
        JobDeadLettered letter = new JobDeadLettered(JobDeadLettered.SCHEMA_VERSION, job.id(), job.tenant(),
                job.type(), job.attempt(), error, job.manifestId(), clock.instant());
        send(Topics.DEAD_LETTER, job.id().toString(), "JobDeadLettered", () -> deadLetters.writeValueAsString(letter));
    }

    private void publish(JobLifecycleEvent event) {
        send(Topics.EVENTS, event.jobId().toString(), event.getClass().getSimpleName(),
                () -> writer.writeValueAsString(event));
    }

    private void send(String topic, String key, String kind, java.util.function.Supplier<String> payload) {
        try {
            kafka.send(topic, key, payload.get()).whenComplete((sent, failure) -> {
                if (failure != null) {
                    log.warn("Could not publish {} for job {}: {}", kind, key, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not publish {} for job {}: {}", kind, key, e.toString());
        }
    }
}
