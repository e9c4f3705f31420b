package dev.conveyor.frontend.job;

import dev.conveyor.frontend.jobtype.ParamsCheck;
import dev.conveyor.frontend.system.IdempotentRequest;
import dev.conveyor.frontend.system.Submission;
import dev.conveyor.frontend.webhook.Notify;
import dev.conveyor.frontend.webhook.NotifyCheck;
import dev.conveyor.observability.JobLogFields;
import dev.conveyor.observability.JobSpans;
import dev.conveyor.observability.TraceParents;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobInserts;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.WebhookOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts a job whose fields passed Bean Validation: checks its params, stores it, and only then announces it. The
 * job is written by the {@link SubmissionBatcher} together with whatever other submissions are waiting, in one
 * auto-committed statement; this method returns only after that commit, so a 202 always means the job exists, and
 * a crash after the commit leaves a SUBMITTED row the sweeper will find.
 *
 * <p>With an Idempotency-Key the insert itself decides: the unique index on (tenant, key) lets exactly one job hold
 * it, and a request whose insert collided answers with the job that holds the key (200 when the request hashes the
 * same, 409 when it does not). A replay thus costs one read more and a first request no read at all.
 */
@Service
public class JobSubmissionService {

    private final ParamsCheck params;
    private final JobRepository jobs;
    private final SubmissionBatcher batcher;
    private final JsonMapper mapper;
    private final MeterRegistry meters;
    private final NotifyCheck notifyCheck;
    private final JobStore store;
    private final WebhookOutbox webhooks;
    private final TransactionTemplate transactions;
    private final JobSpans spans;

    JobSubmissionService(ParamsCheck params, JobRepository jobs, SubmissionBatcher batcher, JsonMapper mapper,
            MeterRegistry meters, NotifyCheck notifyCheck, JobStore store, WebhookOutbox webhooks,
            TransactionTemplate transactions, JobSpans spans) {
        this.notifyCheck = notifyCheck;
        this.store = store;
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.spans = spans;
        this.params = params;
        this.jobs = jobs;
        this.batcher = batcher;
        this.mapper = mapper;
        this.meters = meters;
    }

    /** @param idempotencyKey the request's Idempotency-Key header, or null */
    Submission<JobView> submit(String tenant, String idempotencyKey, SubmitJobRequest request) {
        check(request);
        IdempotentRequest idempotency = idempotencyKey == null ? null
                : new IdempotentRequest(idempotencyKey, RequestFingerprint.of(tenant, request));
        // the request's trace context goes onto the row: every later stage starts this job's spans under it
        NewJob job = request.toNewJob(tenant, idempotency).withTraceParent(spans.currentTraceParent());
        try (var fields = JobLogFields.of(job.id(), null, tenant, job.type(), 0, TraceParents.traceId(job.traceParent()))) {
            JobInserts.Result result = request.notification() == null ? batcher.submit(job)
                    : withSubscription(job, request.notification());
            if (result.collided()) {
                JobEntity holder = jobs.findByTenantAndIdempotencyKey(tenant, idempotencyKey).orElseThrow(() ->
                        new IllegalStateException("Idempotency key collided, but no job holds it"));
                return idempotency.replay(holder.requestHash(), () -> JobView.of(holder, mapper));
            }
            counted(meters, result.stored());
            return Submission.created(JobView.of(result.stored(), mapper));
        }
    }

    /**
     * A job with a webhook is stored with its subscription in one transaction of its own rather than in a group
     * commit: the subscription must commit with the job, and the insert that makes the job final relies on it.
     */
    private JobInserts.Result withSubscription(NewJob job, Notify notify) {
        try {
            return transactions.execute(status -> {
                Job stored = store.insert(job);
                webhooks.subscribeJob(stored.id(), notify.url(), notify.eventsOrAll());
                return new JobInserts.Result(job, stored);
            });
        } catch (DuplicateKeyException taken) {
            return new JobInserts.Result(job, null);
        }
    }

    /**
     * The checks after Bean Validation: a registered type and params its schema accepts (413 or 422 otherwise), and
     * a webhook URL the allow-list allows (422).
     */
    public void check(SubmitJobRequest request) {
        notifyCheck.check("notify", request.notification());
        switch (params.check(request.type(), request.params())) {
            case ParamsCheck.TooLarge large -> throw new ParamsTooLargeException(large.size(), large.limit());
            case ParamsCheck.UnknownType unknown -> throw new UnknownJobTypeException(unknown.type());
            case ParamsCheck.Rejected rejected -> throw new ParamsRejectedException(request.type(),
                    rejected.violations());
            case ParamsCheck.Accepted accepted -> {
                // nothing to add
            }
        }
    }

    static void counted(MeterRegistry meters, Job stored) {
        Counter.builder("conveyor.jobs.submitted")
                .description("Jobs accepted and stored")
                .tag("type", stored.type())
                .register(meters)
                .increment();
    }
}
