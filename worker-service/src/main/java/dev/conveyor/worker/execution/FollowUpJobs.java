package dev.conveyor.worker.execution;

import dev.conveyor.observability.JobSpans;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.handler.NonRetryableJobException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.dao.DuplicateKeyException;

/**
 * Stores the follow-up jobs a handler submits through {@link JobContext#submit}: a child of the
 * running job, one level deeper, same tenant, then announced with {@code JobSubmitted} so the
 * scheduler dispatches it. A child deeper than {@code conveyor.max-depth} is refused, which stops a
 * job type that submits itself from running forever.
 *
 * <p>The n-th child of a job gets the idempotency key {@code follow-up:<parent>:<n>}, so an attempt
 * that runs again after a failure or a lost lease finds the child an earlier attempt stored instead of
 * adding a second one.
 */
public class FollowUpJobs {

    private final JobStore jobs;
    private final QueueMessagePublisher messages;
    private final int maxDepth;
    private final JobSpans spans;

    public FollowUpJobs(JobStore jobs, QueueMessagePublisher messages, int maxDepth, JobSpans spans) {
        this.jobs = jobs;
        this.messages = messages;
        this.maxDepth = maxDepth;
        this.spans = spans;
    }

    /** The submitter for one attempt; it counts the children so their keys are stable across attempts. */
    JobContext.FollowUps forAttempt() {
        AtomicInteger submitted = new AtomicInteger();
        return (parent, type, params) -> submit(parent, type, params, submitted.incrementAndGet());
    }

    private UUID submit(JobContext parent, String type, Map<String, Object> params, int sequence) {
        int depth = parent.depth() + 1;
        if (depth > maxDepth) {
            throw new NonRetryableJobException("recursion limit: depth " + depth + " exceeds conveyor.max-depth="
                    + maxDepth);
        }
        String key = "follow-up:" + parent.jobId() + ":" + sequence;
        NewJob child = NewJob.of(type, params)
                .withTenant(parent.tenant())
                .withIdempotency(key, null)
                .childOf(parent.jobId(), parent.depth())
                // submitted from the parent's run span: the follow-up joins the parent's trace
                .withTraceParent(spans.currentTraceParent());
        Job stored;
        try {
            stored = jobs.insert(child);
        } catch (DuplicateKeyException e) {
            stored = jobs.findByIdempotencyKey(parent.tenant(), key).orElseThrow(() -> e);
        }
        messages.submitted(stored);
        return stored.id();
    }
}
