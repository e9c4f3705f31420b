package dev.conveyor.frontend.event;

import dev.conveyor.common.event.JobCancelled;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobSubmitted;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.observability.TraceParents;
import dev.conveyor.store.Job;
import dev.conveyor.store.NewJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the scheduler about committed changes. Fire and forget on purpose: {@code KafkaTemplate.send}
 * can block for up to {@code max.block.ms} when the broker is away, so it runs on a virtual thread
 * of its own (one per call, so a batch of jobs costs one thread) and no request waits for Kafka.
 * Failures are logged and counted.
 *
 * <p>A lost JobSubmitted loses nothing: the scheduler's sweeper dispatches any job left SUBMITTED.
 * A lost JobCancelled leaves the job CANCELLED in the database (the truth) but its manifest is only
 * advanced (dependents skipped, manifest finished) when the scheduler next decides about it.
 */
@Component
public class JobEventPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper mapper;
    private final ObjectWriter lifecycleWriter;
    private final Clock clock;
    private final Counter submittedFailures;
    private final Counter cancelledFailures;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    JobEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper mapper, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.mapper = mapper;
        // written as the interface so the kind lands in the "event" field consumers switch on
        this.lifecycleWriter = mapper.writerFor(JobLifecycleEvent.class);
        this.clock = clock;
        this.submittedFailures = Counter.builder("conveyor.submissions.publish.failures")
                .description("JobSubmitted messages that could not be published (the sweeper picks the job up)")
                .register(meters);
        this.cancelledFailures = Counter.builder("conveyor.cancellations.publish.failures")
                .description("JobCancelled messages that could not be published")
                .register(meters);
    }

    /** Call only after the job row has committed: the scheduler may read it as soon as this arrives. */
    public void submitted(Job job) {
        String value = mapper.writeValueAsString(JobSubmitted.of(job.id(), job.tenant(), job.type(), clock.instant()));
        send(record(Topics.SUBMITTED, job.id().toString(), value, job.traceParent()), "JobSubmitted",
                submittedFailures);
    }

    /**
     * The JobSubmitted messages of jobs committed together, sent in order from one virtual thread.
     * Once a send fails before it reached the producer (the broker is away and {@code max.block.ms}
     * ran out), the rest are not tried: each would block as long again, and the sweeper dispatches
     * every job left SUBMITTED anyway.
     */
    public void submitted(List<Job> jobs) {
        Instant now = clock.instant();
        sendAll(jobs.stream().map(job -> submittedRecord(JobSubmitted.of(job.id(), job.tenant(), job.type(), now),
                job.traceParent())).toList());
    }

    /**
     * As {@link #submitted(List)}, for jobs just inserted SUBMITTED (a manifest's jobs without dependencies), so
     * they need not be read back to be announced. Call after the commit.
     */
    public void submittedNew(List<NewJob> jobs) {
        Instant now = clock.instant();
        sendAll(jobs.stream().map(job -> submittedRecord(JobSubmitted.of(job.id(), job.tenant(), job.type(), now),
                job.traceParent())).toList());
    }

    private ProducerRecord<String, String> submittedRecord(JobSubmitted event, String traceParent) {
        return record(Topics.SUBMITTED, event.jobId().toString(), mapper.writeValueAsString(event), traceParent);
    }

    /** The job's stored trace context travels as a {@code traceparent} header: the batch's jobs belong to many traces. */
    private static ProducerRecord<String, String> record(String topic, String key, String value, String traceParent) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        if (traceParent != null) {
            record.headers().add(TraceParents.HEADER, traceParent.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private void sendAll(List<ProducerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            for (int i = 0; i < records.size(); i++) {
                String key = records.get(i).key();
                try {
                    kafka.send(records.get(i))
                            .whenComplete((sent, error) -> {
                                if (error != null) {
                                    failed("JobSubmitted", key, error, submittedFailures);
                                }
                            });
                } catch (RuntimeException e) {
                    failed("JobSubmitted", key, e, submittedFailures);
                    int skipped = records.size() - i - 1;
                    if (skipped > 0) {
                        submittedFailures.increment(skipped);
                        log.warn("Did not publish JobSubmitted for {} more jobs of the batch; the sweeper dispatches them",
                                skipped);
                    }
                    return;
                }
            }
        });
    }

    /** A job the API cancelled without a worker; call after the CANCELLED row has committed. */
    public void cancelled(Job job, String reason) {
        JobCancelled event = new JobCancelled(JobLifecycleEvent.SCHEMA_VERSION, job.id(), job.tenant(), job.type(),
                job.attempt(), job.manifestId(), null, reason, clock.instant());
        send(record(Topics.EVENTS, job.id().toString(), lifecycleWriter.writeValueAsString(event),
                job.traceParent()), "JobCancelled", cancelledFailures);
    }

    private void send(ProducerRecord<String, String> record, String kind, Counter failures) {
        String key = record.key();
        executor.execute(() -> {
            try {
                kafka.send(record).whenComplete((sent, error) -> {
                    if (error != null) {
                        failed(kind, key, error, failures);
                    }
                });
            } catch (RuntimeException e) {
                failed(kind, key, e, failures);
            }
        });
    }

    private static void failed(String kind, String jobId, Throwable error, Counter failures) {
        failures.increment();
        log.warn("Could not publish {} for job {}: {}", kind, jobId, error.toString());
    }

    @Override
    public void destroy() {
        executor.close();
    }
}
