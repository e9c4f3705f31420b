package dev.conveyor.frontend.job;

import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.jobtype.ParamsCheck;
import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.frontend.system.IdempotentRequest;
import dev.conveyor.frontend.system.Submission;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobInserts;
import dev.conveyor.observability.JobSpans;
import dev.conveyor.store.NewJob;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts many jobs at once, all or none. The fields of every job have passed Bean Validation (400 naming
 * {@code jobs[3].type}); then all jobs are checked before anything is written, each stage reporting all of its
 * problems by index: the number of jobs and the size of params (413), then types and params schemas (422). The
 * jobs are then written with one {@link JobInserts#insertAll} statement inside a transaction that also reads the
 * holders of idempotency keys that collided; a key held by a different request rolls everything back (409). Only
 * after the commit are the new jobs announced with JobSubmitted.
 */
@Service
class JobBatchSubmissionService {

    private final ParamsCheck params;
    private final JobInserts inserts;
    private final JobRepository jobs;
    private final TransactionTemplate transactions;
    private final JobEventPublisher publisher;
    private final MeterRegistry meters;
    private final int maxJobs;
    private final JobSpans spans;

    JobBatchSubmissionService(ParamsCheck params, JobInserts inserts, JobRepository jobs,
            TransactionTemplate transactions, JobEventPublisher publisher, MeterRegistry meters,
            FrontendProperties properties, JobSpans spans) {
        this.params = params;
        this.inserts = inserts;
        this.jobs = jobs;
        this.transactions = transactions;
        this.publisher = publisher;
        this.meters = meters;
        this.maxJobs = properties.submission().maxBatchJobs();
        this.spans = spans;
    }

    /** The job ids in request order; replayed when every job repeated an earlier submission. */
    Submission<List<UUID>> submit(String tenant, SubmitJobBatchRequest request) {
        List<SubmitJobBatchRequest.Item> items = request.jobs();
        check(items);
        // the jobs of one request share its trace
        String traceParent = spans.currentTraceParent();
        List<NewJob> batch = items.stream().map(item -> item.job().toNewJob(tenant, item.idempotency(tenant))
                .withTraceParent(traceParent)).toList();
        List<Job> created = new ArrayList<>();
        List<UUID> ids = transactions.execute(status -> write(tenant, batch, created));
        created.forEach(job -> JobSubmissionService.counted(meters, job));
        publisher.submitted(created);
        return created.isEmpty() ? Submission.replayed(ids) : Submission.created(ids);
    }

    /** Throws with all the problems of the first failing stage. */
    private void check(List<SubmitJobBatchRequest.Item> items) {
        if (items.size() > maxJobs) {
            throw new JobBatchRejectedException(HttpStatus.CONTENT_TOO_LARGE, "Too many jobs", List.of(
                    new FieldProblem("jobs", "holds " + items.size() + " jobs; at most " + maxJobs + " are allowed")));
        }
        List<FieldProblem> tooLarge = new ArrayList<>();
        List<FieldProblem> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SubmitJobBatchRequest.Item item = items.get(i);
            params.check("jobs[" + i + "]", item.type(), item.params(), tooLarge, rejected);
        }
        if (!tooLarge.isEmpty()) {
            throw new JobBatchRejectedException(HttpStatus.CONTENT_TOO_LARGE, "Params too large", tooLarge);
        }
        if (!rejected.isEmpty()) {
            throw new JobBatchRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid jobs", rejected);
        }
    }

    /** Inside the transaction: the ids in request order; throws (rolling back) when a key is reused. */
    private List<UUID> write(String tenant, List<NewJob> batch, List<Job> created) {
        List<JobInserts.Result> results = inserts.insertAll(batch);
        Map<String, JobEntity> holders = holders(tenant, results);
        List<UUID> ids = new ArrayList<>(results.size());
        List<FieldProblem> conflicts = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            JobInserts.Result result = results.get(i);
            if (!result.collided()) {
                created.add(result.stored());
                ids.add(result.stored().id());
                continue;
            }
            String key = result.job().idempotencyKey();
            JobEntity holder = holders.get(key);
            if (holder == null) {
                throw new IllegalStateException("Idempotency key collided, but no job holds it");
            }
            if (new IdempotentRequest(key, result.job().requestHash()).repeats(holder.requestHash())) {
                ids.add(holder.id());
            } else {
                conflicts.add(new FieldProblem("jobs[" + i + "].idempotencyKey",
                        "'" + key + "' was already used for a different job"));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new JobBatchRejectedException(HttpStatus.CONFLICT, "Idempotency key reused", conflicts);
        }
        return ids;
    }

    /**
     * The jobs holding the keys whose insert collided, by key. Read in the insert's transaction, so a key used twice
     * in this batch finds the job the batch itself just inserted.
     */
    private Map<String, JobEntity> holders(String tenant, List<JobInserts.Result> results) {
        Set<String> collided = results.stream().filter(JobInserts.Result::collided)
                .map(result -> result.job().idempotencyKey())
                .collect(Collectors.toSet());
        if (collided.isEmpty()) {
            return Map.of();
        }
        return jobs.findByTenantAndIdempotencyKeyIn(tenant, collided).stream()
                .collect(Collectors.toMap(JobEntity::idempotencyKey, Function.identity()));
    }
}
