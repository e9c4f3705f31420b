package dev.conveyor.scheduler.trigger;

import dev.conveyor.common.event.JobSubmitted;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.store.FileTrigger;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.ObservedFile;
import dev.conveyor.store.StartedWork;
import dev.conveyor.store.TriggerStore;
import dev.conveyor.store.TriggerTemplate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One scan of every active trigger. For each: list its directory, record the observation, then start the files
 * seen again with the same size and modification time at least {@code stableAfter} after their first observation,
 * {@code batchSize} per transaction and each under a savepoint. A file is started by the guarded SEEN -> STARTED
 * move of its row in the transaction that stores its work; a replica that lost the race stores nothing. A file
 * whose work cannot be stored (a path leading out of the files directory once its placeholders are replaced, a job
 * type unregistered since) is recorded FAILED and never blocks the others. The new jobs' {@code JobSubmitted} go
 * out after the commit; the lost-message sweep covers a failed send.
 */
public class TriggerScanner {

    private static final Logger log = LoggerFactory.getLogger(TriggerScanner.class);

    private final TriggerStore store;
    private final DirectoryListing listing;
    private final WorkPaths paths;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MessageJson json;
    private final Counter filesStarted;
    private final Counter filesFailed;
    private final Clock clock;
    private final Duration stableAfter;
    private final int batchSize;

    public TriggerScanner(TriggerStore store, WatchedFilesProperties files, PlatformTransactionManager transactions,
            KafkaTemplate<String, byte[]> kafka, MessageJson json, MeterRegistry meters, Clock clock,
            Duration stableAfter, int batchSize) {
        this.store = store;
        this.listing = new DirectoryListing(files.files());
        this.paths = new WorkPaths(files.files());
        this.batch = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.kafka = kafka;
        this.json = json;
        this.filesStarted = files(meters, "started");
        this.filesFailed = files(meters, "failed");
        this.clock = clock;
        this.stableAfter = stableAfter;
        this.batchSize = batchSize;
    }

    /** Scans every active trigger once; returns the files it started. */
    public int scanOnce() {
        int started = 0;
        for (FileTrigger trigger : store.active()) {
            try {
                started += scan(trigger);
            } catch (IOException | RuntimeException e) {
                // one unreadable directory does not stop the others; the next scan tries again
                log.warn("Trigger {} ({}) could not scan '{}': {}", trigger.id(), trigger.name(), trigger.watchPath(),
                        e.toString());
            }
        }
        return started;
    }

    private int scan(FileTrigger trigger) throws IOException {
        List<ObservedFile> files = listing.list(trigger);
        Instant seenAt = clock.instant();
        batch.executeWithoutResult(status -> store.observe(trigger.id(), files, seenAt));
        int started = 0;
        while (true) {
            Batch done = batch.execute(status -> startBatch(trigger, seenAt));
            announce(done.submitted());
            started += done.started();
            if (done.candidates() < batchSize) {
                return started;
            }
        }
    }

    private record Batch(int candidates, int started, List<NewJob> submitted) {
    }

    private Batch startBatch(FileTrigger trigger, Instant seenAt) {
        List<TriggerStore.StableFile> stable = store.stable(trigger.id(), seenAt, stableAfter, batchSize);
        List<NewJob> submitted = new ArrayList<>();
        int started = 0;
        for (TriggerStore.StableFile file : stable) {
            Map<String, Object> resolved = TriggerTemplate.resolve(trigger.kind(), trigger.template(), file.file());
            Optional<String> refused = paths.refusal(trigger.kind(), resolved);
            if (refused.isPresent()) {
                store.fail(file.id(), refused.get());
                filesFailed.increment();
                continue;
            }
            try {
                Optional<StartedWork> done = savepoint.execute(nested -> store.start(trigger, file,
                        resolved));
                if (done.isPresent()) {
                    submitted.addAll(done.get().submitted());
                    started++;
                    filesStarted.increment();
                }
            } catch (RuntimeException e) {
                log.warn("Trigger {} ({}) could not start {}: {}", trigger.id(), trigger.name(), file.file().path(),
                        e.toString());
                store.fail(file.id(), "the work could not be stored: " + e.getMessage());
                filesFailed.increment();
            }
        }
        return new Batch(stable.size(), started, submitted);
    }

    private void announce(List<NewJob> jobs) {
        Instant now = clock.instant();
        for (NewJob job : jobs) {
            String key = job.id().toString();
            kafka.send(Topics.SUBMITTED, key, json.write(JobSubmitted.of(job.id(), job.tenant(), job.type(), now)))
                    .whenComplete((sent, error) -> {
                        if (error != null) {
                            // the job is stored SUBMITTED: the lost-message sweep dispatches it
                            log.debug("JobSubmitted of triggered job {} not sent: {}", key, error.toString());
                        }
                    });
        }
    }

    /** Registered at start, so both outcomes show 0 before the first file. */
    private static Counter files(MeterRegistry meters, String outcome) {
        return Counter.builder("conveyor.triggers.files")
                .description("Files of triggers by what became of them: started or failed")
                .tag("outcome", outcome)
                .register(meters);
    }
}
