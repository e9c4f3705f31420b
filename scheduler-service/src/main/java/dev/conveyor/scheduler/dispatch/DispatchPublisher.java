package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.observability.JobSpan;
import dev.conveyor.observability.JobSpans;
import dev.conveyor.observability.TracedJob;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.store.Job;
import java.time.Clock;

/**
 * Builds a job's JobDispatched and adds it to a {@link MessageSender.Batch} for the job's typed topic, in a
 * {@code conveyor.dispatch} span of its own under the job's stored trace context (the batch's other jobs belong to
 * other traces), whose context travels in the message's {@code traceparent} header.
 */
public class DispatchPublisher {

    private final TopicRouter router;
    private final MessageJson json;
    private final Clock clock;
    private final JobSpans spans;

    public DispatchPublisher(TopicRouter router, MessageJson json, Clock clock, JobSpans spans) {
        this.router = router;
        this.json = json;
        this.clock = clock;
        this.spans = spans;
    }

    public String topicFor(Job job) {
        return router.topicFor(job.tenant(), job.type());
    }

    /** Keyed by job id: every message of one job lands in one partition. */
    public void send(MessageSender.Batch batch, Job job, String topic) {
        TracedJob traced = new TracedJob(job.id(), job.manifestId(), job.tenant(), job.type(), job.attempt(),
                job.traceParent());
        try (JobSpan span = spans.start("conveyor.dispatch", traced).tag("messaging.destination.name", topic)) {
            JobDispatched dispatched = new JobDispatched(JobDispatched.SCHEMA_VERSION, job.id(), job.tenant(),
                    job.type(), job.attempt(), job.params(), job.timeout(), job.manifestId(), clock.instant());
            batch.send(topic, job.id(), json.write(dispatched), span.traceParent());
        }
    }
}
