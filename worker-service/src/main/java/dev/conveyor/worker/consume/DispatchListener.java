package dev.conveyor.worker.consume;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.worker.execution.ExecutionSlots;
import dev.conveyor.worker.execution.JobExecutor;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one {@link JobDispatched} record into a running job: reserve a slot, claim the job, commit
 * the offset, hand the job to the executor. It never waits for the job, so the consumer keeps polling
 * well within {@code max.poll.interval.ms} however long jobs run.
 */
class DispatchListener implements AcknowledgingMessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(DispatchListener.class);

    private final ObjectReader reader;
    private final JobStore jobs;
    private final JobExecutor executor;
    private final ExecutionSlots slots;
    private final String worker;
    private final Duration lease;

    DispatchListener(JsonMapper mapper, JobStore jobs, JobExecutor executor, ExecutionSlots slots, String worker,
            Duration lease) {
        this.reader = mapper.readerFor(JobDispatched.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.jobs = jobs;
        this.executor = executor;
        this.slots = slots;
        this.worker = worker;
        this.lease = lease;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record, Acknowledgment ack) {
        Optional<JobDispatched> parsed = parse(record);
        if (parsed.isEmpty()) {
            ack.acknowledge();
            return;
        }
        JobDispatched message = parsed.get();
        // a job is claimed only with a slot for it; the container pauses before its next poll once the
        // last slot is taken, so this is a safety net: the error handler seeks back and delivers the
        // record again after its back-off, by which time the pause has taken effect
        if (!slots.tryAcquire()) {
            throw new NoFreeSlotException(record.topic(), record.partition(), record.offset());
        }
        boolean started = false;
        try {
            Optional<Job> claimed = jobs.claim(message.jobId(), worker, lease);
            ack.acknowledge();
            if (claimed.isEmpty()) {
                log.debug("Job {} was not QUEUED (duplicate delivery, cancelled, or claimed elsewhere); skipped",
                        message.jobId());
                return;
            }
            executor.start(claimed.get(), message, record.topic(), slots::release);
            started = true;
        } finally {
            if (!started) {
                slots.release();
            }
        }
    }

    private Optional<JobDispatched> parse(ConsumerRecord<String, String> record) {
        try {
            JobDispatched message = record.value() == null ? null : reader.readValue(record.value());
            if (message == null || message.jobId() == null) {
                log.warn("Skipping a record without a job id on {}-{}@{}", record.topic(), record.partition(),
                        record.offset());
                return Optional.empty();
            }
            return Optional.of(message);
        } catch (JacksonException e) {
            log.warn("Skipping an unreadable record on {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
