package dev.conveyor.scheduler.events;

import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.scheduler.system.MessageJson;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Reads {@code conveyor.jobs.events} (bound as {@code jobEvents-in-0}) and hands each event to every
 * {@link JobOutcomeHandler}. An event of a kind this version does not know is skipped, not retried.
 */
public class JobOutcomeListener implements Consumer<byte[]> {

    private static final Logger log = LoggerFactory.getLogger(JobOutcomeListener.class);

    private final MessageJson json;
    private final List<JobOutcomeHandler> handlers;

    public JobOutcomeListener(MessageJson json, List<JobOutcomeHandler> handlers) {
        this.json = json;
        this.handlers = List.copyOf(handlers);
    }

    @Override
    public void accept(byte[] payload) {
        JobLifecycleEvent event;
        try {
            event = json.read(payload, JobLifecycleEvent.class);
        } catch (JacksonException e) {
            log.warn("Skipping unreadable job event: {}", e.getOriginalMessage());
            return;
        }
        log.debug("Job {} reported {}", event.jobId(), event.getClass().getSimpleName());
        for (JobOutcomeHandler handler : handlers) {
            handler.handle(event);
        }
    }
}
