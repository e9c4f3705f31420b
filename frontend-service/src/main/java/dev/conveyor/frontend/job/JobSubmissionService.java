package dev.conveyor.frontend.job;

import dev.conveyor.frontend.jobtype.CompiledJobType;
import dev.conveyor.frontend.jobtype.JobTypeCatalog;
import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.frontend.system.IdempotencyKeyReusedException;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobInserts;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts a job: checks it, stores it, and only then announces it. The job is written by the
 * {@link SubmissionBatcher} together with whatever other submissions are waiting, in one
 * auto-committed statement; this method returns only after that commit, so a 202 always means the
 * job exists, and a crash after the commit leaves a SUBMITTED row the sweeper will find.
 *
 * <p>With an Idempotency-Key the insert itself decides: the unique index on (tenant, key) lets
 * exactly one job hold it, and a request whose insert collided answers with the job that holds the
 * key (200 when the request hashes the same, 409 when it does not). A replay thus costs one
 * read more and a first request no read at all.
 */
@Service
class JobSubmissionService {

    static final int DEFAULT_MAX_ATTEMPTS = NewJob.DEFAULT_MAX_ATTEMPTS;

    /** The stored job, and whether this request created it (false: a replay of an earlier one). */
    record Submission(Job job, boolean created) {
    }

    private final JobTypeCatalog catalog;
    private final JobStore store;
    private final SubmissionBatcher batcher;
    private final JsonMapper mapper;
    private final MeterRegistry meters;
    private final long maxParamsSize;

    JobSubmissionService(JobTypeCatalog catalog, JobStore store, SubmissionBatcher batcher, JsonMapper mapper,
            MeterRegistry meters, FrontendProperties properties) {
        this.catalog = catalog;
        this.store = store;
        this.batcher = batcher;
        this.mapper = mapper;
        this.meters = meters;
        this.maxParamsSize = properties.maxParamsSize().toBytes();
    }

    Submission submit(String tenant, String idempotencyKey, SubmitJobRequest request) {
        List<FieldProblem> problems = request.problems();
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Map<String, Object> params = request.params() == null ? Map.of() : request.params();
        String serializedParams = mapper.writeValueAsString(params);
        long paramsSize = serializedParams.getBytes(StandardCharsets.UTF_8).length;
        if (paramsSize > maxParamsSize) {
            throw new ParamsTooLargeException(paramsSize, maxParamsSize);
        }
        CompiledJobType type = catalog.find(request.type())
                .orElseThrow(() -> new UnknownJobTypeException(request.type()));
        JsonNode paramsNode = mapper.readTree(serializedParams);
        List<FieldProblem> violations = type.violations(paramsNode);
        if (!violations.isEmpty()) {
            throw new ParamsRejectedException(request.type(), violations);
        }

        String hash = idempotencyKey == null ? null : RequestFingerprint.of(tenant, request);
        JobInserts.Result result = batcher.submit(newJob(tenant, idempotencyKey, hash, request));
        if (result.collided()) {
            Job winner = store.findByIdempotencyKey(tenant, idempotencyKey).orElseThrow(() ->
                    new IllegalStateException("Idempotency key collided, but no job holds it"));
            return replay(winner, idempotencyKey, hash);
        }
        counted(meters, result.stored());
        return new Submission(result.stored(), true);
    }

    /** The job a checked request describes, with a new time-ordered id. */
    static NewJob newJob(String tenant, String idempotencyKey, String hash, SubmitJobRequest request) {
        return NewJob.builder(request.type())
                .tenant(tenant)
                .params(request.params())
                .labels(request.labels())
                .maxAttempts(request.maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : request.maxAttempts())
                .timeout(request.timeout())
                .notBefore(request.runAt())
                .idempotency(idempotencyKey, hash)
                .build();
    }

    static void counted(MeterRegistry meters, Job stored) {
        Counter.builder("conveyor.jobs.submitted")
                .description("Jobs accepted and stored")
                .tag("type", stored.type())
                .register(meters)
                .increment();
    }

    private static Submission replay(Job earlier, String key, String hash) {
        if (!hash.equals(earlier.requestHash())) {
            throw new IdempotencyKeyReusedException(key);
        }
        return new Submission(earlier, false);
    }
}
