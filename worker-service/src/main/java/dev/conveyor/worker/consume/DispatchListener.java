package dev.conveyor.worker.consume;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.store.ClaimStore;
import dev.conveyor.store.Job;
import dev.conveyor.worker.execution.ExecutionSlots;
import dev.conveyor.worker.execution.JobExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.support.Acknowledgment;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one poll of {@link JobDispatched} records into running jobs: take as many records as there are
 * free slots, claim all their jobs with one statement, commit the offsets of the records taken, put
 * the consumer back to the first record not taken on each partition (so it is delivered again once a
 * slot frees), then hand the claimed jobs to the executor. It never waits for a job, so the consumer
 * keeps polling well within {@code max.poll.interval.ms} however long jobs run.
 *
 * <p>An unreadable record (a poisoned message) is logged and committed with the rest; it never blocks
 * the batch. A job listed twice in one batch takes one slot and is claimed once. If the claim fails
 * (the job database is unreachable) nothing is committed and the exception reaches the container's
 * error handler, which delivers the same batch again after its back-off.
 */
class DispatchListener implements BatchAcknowledgingConsumerAwareMessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(DispatchListener.class);

    /** A job this batch reserved a slot for, with the message and topic it came with. */
    private record Taken(JobDispatched message, String topic) {
    }

    private final ObjectReader reader;
    private final ClaimStore claims;
    private final JobExecutor executor;
    private final ExecutionSlots slots;
    private final String worker;
    private final Duration lease;

    DispatchListener(JsonMapper mapper, ClaimStore claims, JobExecutor executor, ExecutionSlots slots, String worker,
            Duration lease) {
        this.reader = mapper.readerFor(JobDispatched.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.claims = claims;
        this.executor = executor;
        this.slots = slots;
        this.worker = worker;
        this.lease = lease;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, String>> records, Acknowledgment ack, Consumer<?, ?> consumer) {
        Map<UUID, Taken> taken = new LinkedHashMap<>();
        int end = take(records, taken);
        List<Job> claimed;
        try {
            claimed = claims.claim(taken.keySet(), worker, lease);
        } catch (RuntimeException e) {
            taken.forEach((id, job) -> slots.release());
            throw e;
        }
        commit(consumer, records.subList(0, end));
        seekBack(consumer, records.subList(end, records.size()));
        Map<UUID, Job> byId = new HashMap<>();
        claimed.forEach(job -> byId.put(job.id(), job));
        taken.forEach((id, job) -> {
            Job mine = byId.get(id);
            if (mine == null) {
                log.debug("Job {} was not QUEUED (duplicate delivery, cancelled, or claimed elsewhere); skipped", id);
                slots.release();
                return;
            }
            try {
                executor.start(mine, job.message(), job.topic(), slots::release);
            } catch (RuntimeException e) {
                // the lease runs out and the scheduler hands the job to a worker again
                log.error("Could not start job {}", id, e);
            }
        });
    }

    /**
     * Reserves a slot for each job of the batch in order until none is left, and returns how many
     * records were taken: those before the first job without a slot. Unreadable records and jobs
     * already taken in this batch need no slot.
     */
    private int take(List<ConsumerRecord<String, String>> records, Map<UUID, Taken> taken) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            Optional<JobDispatched> parsed = parse(record);
            if (parsed.isEmpty() || taken.containsKey(parsed.get().jobId())) {
                continue;
            }
            if (!slots.tryAcquire()) {
                return i;
            }
            taken.put(parsed.get().jobId(), new Taken(parsed.get(), record.topic()));
        }
        return records.size();
    }

    /**
     * Commits past the records taken, after their claim committed: a crash before this redelivers them
     * and the claim skips what is already RUNNING. A failed commit is not fatal for the same reason,
     * which is also why the commit is not waited for: the next poll need not wait a broker round trip.
     */
    private void commit(Consumer<?, ?> consumer, List<ConsumerRecord<String, String>> committed) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, String> record : committed) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        if (offsets.isEmpty()) {
            return;
        }
        int count = committed.size();
        consumer.commitAsync(offsets, (done, failure) -> {
            if (failure != null) {
                log.warn("Could not commit the offsets of {} claimed records; they will be delivered again and "
                        + "skipped: {}", count, failure.toString());
            }
        });
    }

    /** Moves each partition back to its first record not taken, so it is delivered again. */
    private static void seekBack(Consumer<?, ?> consumer, List<ConsumerRecord<String, String>> left) {
        Map<TopicPartition, Long> firstLeft = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : left) {
            firstLeft.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        firstLeft.forEach(consumer::seek);
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
