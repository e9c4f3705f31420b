package dev.conveyor.worker.execution;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.event.JobSubmitted;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.store.Job;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages a worker sends so that jobs run: {@link JobSubmitted} for a follow-up job a handler
 * submitted, and {@link JobDispatched} again for a job a draining worker handed back. Both are sent
 * after the row is committed and keyed by job id. A lost {@code JobSubmitted} is repaired by the
 * scheduler's sweep of SUBMITTED jobs and a lost re-dispatch by its sweep of QUEUED jobs, so a failed
 * send is logged, never undone.
 */
public class QueueMessagePublisher {

    private static final Logger log = LoggerFactory.getLogger(QueueMessagePublisher.class);
    /** A re-dispatch is sent while the worker shuts down: wait for it, or the closing producer drops it. */
    private static final Duration REDISPATCH_WAIT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper mapper;
    private final Clock clock;

    public QueueMessagePublisher(KafkaTemplate<String, String> kafka, JsonMapper mapper, Clock clock) {
        this.kafka = kafka;
        this.mapper = mapper;
        this.clock = clock;
    }

    public void submitted(Job job) {
        String key = job.id().toString();
        try {
            kafka.send(Topics.SUBMITTED, key,
                    mapper.writeValueAsString(JobSubmitted.of(job.id(), job.tenant(), job.type(), clock.instant())))
                    .whenComplete((sent, failure) -> {
                        if (failure != null) {
                            log.warn("Could not publish JobSubmitted for job {}: {}", key, failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("Could not publish JobSubmitted for job {}: {}", key, e.toString());
        }
    }

    /** Puts a handed-back job on the topic it came from; waits until the broker has it. */
    public void redispatch(String topic, Job job, JobDispatched original) {
        JobDispatched message = new JobDispatched(JobDispatched.SCHEMA_VERSION, job.id(), job.tenant(), job.type(),
                job.attempt(), job.params(), original.timeout(), job.manifestId(), clock.instant());
        String key = job.id().toString();
        try {
            kafka.send(topic, key, mapper.writeValueAsString(message))
                    .get(REDISPATCH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Handed job {} back to {}", key, topic);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not re-dispatch handed-back job {} on {}; the scheduler's sweep of QUEUED jobs will: {}",
                    key, topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while re-dispatching job {}; the scheduler's sweep of QUEUED jobs will", key);
        }
    }
}
