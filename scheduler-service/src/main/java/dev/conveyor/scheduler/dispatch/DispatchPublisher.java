package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.store.Job;
import java.time.Clock;

/** Builds a job's JobDispatched and adds it to a {@link MessageSender.Batch} for the job's typed topic. */
public class DispatchPublisher {

    private final TopicRouter router;
    private final MessageJson json;
    private final Clock clock;

    public DispatchPublisher(TopicRouter router, MessageJson json, Clock clock) {
        this.router = router;
        this.json = json;
        this.clock = clock;
    }

    public String topicFor(Job job) {
        return router.topicFor(job.tenant(), job.type());
    }

    /** Keyed by job id: every message of one job lands in one partition. */
    public void send(MessageSender.Batch batch, Job job, String topic) {
        JobDispatched dispatched = new JobDispatched(JobDispatched.SCHEMA_VERSION, job.id(), job.tenant(),
                job.type(), job.attempt(), job.params(), job.timeout(), job.manifestId(), clock.instant());
        batch.send(topic, job.id(), json.write(dispatched));
    }
}
