package dev.conveyor.scheduler.events;

import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.observability.JobLogFields;
import dev.conveyor.scheduler.system.MessageJson;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Reads {@code conveyor.jobs.events} (bound as {@code jobEvents-in-0}) a poll at a time and hands each event to
 * the {@link JobOutcomeHandler}s. Most events are of standalone jobs, which only the metrics want: those skip every
 * handler that does not {@linkplain JobOutcomeHandler#handlesStandaloneJobs() ask for them}, so they cost no
 * database work. An unreadable event, or one of a kind this version does not know, is skipped, not retried, and
 * does not hold up the rest of its batch. JobStarted is still accepted (older workers send it) and changes nothing.
 */
public class JobOutcomeListener implements Consumer<List<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(JobOutcomeListener.class);

    private final MessageJson json;
    private final List<JobOutcomeHandler> handlers;
    private final List<JobOutcomeHandler> standaloneHandlers;

    public JobOutcomeListener(MessageJson json, List<JobOutcomeHandler> handlers) {
        this.json = json;
        this.handlers = List.copyOf(handlers);
        this.standaloneHandlers = handlers.stream().filter(JobOutcomeHandler::handlesStandaloneJobs).toList();
    }

    @Override
    public void accept(List<byte[]> payloads) {
        for (byte[] payload : payloads) {
            JobLifecycleEvent event;
            try {
                event = json.read(payload, JobLifecycleEvent.class);
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn("Skipping unreadable job event: {}", e.getMessage());
                continue;
            }
            if (event == null) {
                continue;
            }
            // the event's fields on every line its handlers log, and off again before the next event of the poll
            try (JobLogFields fields = JobLogFields.of(event.jobId(), event.manifestId(), event.tenant(),
                    event.type(), event.attempt(), null)) {
                log.debug("Job {} reported {}", event.jobId(), event.getClass().getSimpleName());
                for (JobOutcomeHandler handler : event.manifestId() == null ? standaloneHandlers : handlers) {
                    handler.handle(event);
                }
            }
        }
    }
}
