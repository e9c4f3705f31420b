package dev.conveyor.frontend.job;

import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.jobtype.CompiledJobType;
import dev.conveyor.frontend.jobtype.JobTypeCatalog;
import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.frontend.system.RequestHeaders;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobInserts;
import dev.conveyor.store.NewJob;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts many jobs at once, all or none. Every job is checked before anything is written, and each
 * stage reports all of its problems by index ({@code jobs[3].type}): fields (400), then sizes (413),
 * then types and params schemas (422). The jobs are then written with one {@link JobInserts#insertAll}
 * statement inside a transaction that also looks up the holders of idempotency keys that collided;
 * a key held by a different request rolls everything back (409). Only after the commit are the new
 * jobs announced with JobSubmitted.
 */
@Service
class JobBatchSubmissionService {

    /** The job ids in request order, and whether any job is new (false: the whole batch was a replay). */
    record Submission(List<UUID> ids, boolean created) {
    }

    private final JobTypeCatalog catalog;
    private final JobInserts inserts;
    private final TransactionTemplate transactions;
    private final JobEventPublisher publisher;
    private final JsonMapper mapper;
    private final MeterRegistry meters;
    private final long maxParamsSize;
    private final int maxJobs;

    JobBatchSubmissionService(JobTypeCatalog catalog, JobInserts inserts, TransactionTemplate transactions,
            JobEventPublisher publisher, JsonMapper mapper, MeterRegistry meters, FrontendProperties properties) {
        this.catalog = catalog;
        this.inserts = inserts;
        this.transactions = transactions;
        this.publisher = publisher;
        this.mapper = mapper;
        this.meters = meters;
        this.maxParamsSize = properties.maxParamsSize().toBytes();
        this.maxJobs = properties.submission().maxBatchJobs();
    }

    Submission submit(String tenant, SubmitJobBatchRequest request) {
        List<SubmitJobBatchRequest.Item> items = request == null ? null : request.jobs();
        check(items);
        List<NewJob> jobs = new ArrayList<>(items.size());
        for (SubmitJobBatchRequest.Item item : items) {
            String key = item.idempotencyKey();
            String hash = key == null ? null : RequestFingerprint.of(tenant, item.job());
            jobs.add(JobSubmissionService.newJob(tenant, key, hash, item.job()));
        }
        List<Job> created = new ArrayList<>();
        List<UUID> ids = transactions.execute(status -> write(tenant, jobs, created));
        created.forEach(job -> JobSubmissionService.counted(meters, job));
        publisher.submitted(created);
        return new Submission(ids, !created.isEmpty());
    }

    /** Every check of every job, stage by stage; throws with all the problems of the first failing stage. */
    private void check(List<SubmitJobBatchRequest.Item> items) {
        if (items == null) {
            throw new InvalidRequestException("jobs", "is required");
        }
        if (items.isEmpty()) {
            throw new InvalidRequestException("jobs", "must hold at least one job");
        }
        if (items.size() > maxJobs) {
            throw new JobBatchRejectedException(HttpStatus.CONTENT_TOO_LARGE, "Too many jobs", List.of(
                    new FieldProblem("jobs", "holds " + items.size() + " jobs; at most " + maxJobs + " are allowed")));
        }
        List<FieldProblem> invalid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "jobs[" + i + "]";
            SubmitJobBatchRequest.Item item = items.get(i);
            if (item == null) {
                invalid.add(new FieldProblem(field, "is required"));
                continue;
            }
            item.job().problems().forEach(problem -> invalid.add(
                    new FieldProblem(field + "." + problem.field(), problem.message())));
            String key = item.idempotencyKey();
            if (key != null && (key.isBlank() || key.length() > RequestHeaders.MAX_LENGTH)) {
                invalid.add(new FieldProblem(field + ".idempotencyKey",
                        "must be 1 to " + RequestHeaders.MAX_LENGTH + " characters"));
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidRequestException(invalid);
        }

        List<FieldProblem> tooLarge = new ArrayList<>();
        List<FieldProblem> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "jobs[" + i + "]";
            SubmitJobBatchRequest.Item item = items.get(i);
            String params = mapper.writeValueAsString(item.params() == null ? Map.of() : item.params());
            long size = params.getBytes(StandardCharsets.UTF_8).length;
            if (size > maxParamsSize) {
                tooLarge.add(new FieldProblem(field + ".params", "serializes to " + size + " bytes; the limit is "
                        + maxParamsSize));
                continue;
            }
            Optional<CompiledJobType> type = catalog.find(item.type());
            if (type.isEmpty()) {
                rejected.add(new FieldProblem(field + ".type", "'" + item.type()
                        + "' is not a registered job type; see GET /api/v1/job-types"));
                continue;
            }
            // a violation's field is a JSON path into the params: "$" itself or "$.table"
            type.get().violations(mapper.readTree(params)).forEach(violation -> rejected.add(new FieldProblem(
                    field + ".params" + violation.field().substring(1), violation.message())));
        }
        if (!tooLarge.isEmpty()) {
            throw new JobBatchRejectedException(HttpStatus.CONTENT_TOO_LARGE, "Params too large", tooLarge);
        }
        if (!rejected.isEmpty()) {
            throw new JobBatchRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid jobs", rejected);
        }
    }

    /** Inside the transaction: the ids in request order; throws (rolling back) when a key is reused. */
    private List<UUID> write(String tenant, List<NewJob> jobs, List<Job> created) {
        List<JobInserts.Result> results = inserts.insertAll(jobs);
        Set<String> collided = results.stream().filter(JobInserts.Result::collided)
                .map(result -> result.job().idempotencyKey())
                .collect(Collectors.toSet());
        Map<String, Job> holders = inserts.findByIdempotencyKeys(tenant, collided);
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
            Job holder = holders.get(key);
            if (holder == null) {
                throw new IllegalStateException("Idempotency key collided, but no job holds it");
            }
            if (Objects.equals(holder.requestHash(), result.job().requestHash())) {
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
}
