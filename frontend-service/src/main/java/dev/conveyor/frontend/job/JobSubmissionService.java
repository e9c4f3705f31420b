package dev.conveyor.frontend.job;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.jobtype.CompiledJobType;
import dev.conveyor.frontend.jobtype.JobTypeCatalog;
import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.frontend.system.IdempotencyKeyReusedException;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts a job: checks it, stores it, and only then announces it. The row is committed (JobStore
 * runs one auto-committed statement) before anything is published or answered, so a 202 always
 * means the job exists, and a crash after the commit leaves a SUBMITTED row the sweeper will find.
 */
@Service
class JobSubmissionService {

    static final int DEFAULT_MAX_ATTEMPTS = NewJob.DEFAULT_MAX_ATTEMPTS;

    /** The stored job, and whether this request created it (false: a replay of an earlier one). */
    record Submission(Job job, boolean created) {
    }

    private final JobTypeCatalog catalog;
    private final JobStore store;
    private final JobEventPublisher publisher;
    private final JsonMapper mapper;
    private final MeterRegistry meters;
    private final long maxParamsSize;

    JobSubmissionService(JobTypeCatalog catalog, JobStore store, JobEventPublisher publisher, JsonMapper mapper,
            MeterRegistry meters, FrontendProperties properties) {
        this.catalog = catalog;
        this.store = store;
        this.publisher = publisher;
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
        if (idempotencyKey != null) {
            Optional<Job> earlier = store.findByIdempotencyKey(tenant, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), idempotencyKey, hash);
            }
        }
        NewJob job = new NewJob(TimeOrderedIds.next(), tenant, request.type(), params, request.labels(), null,
                request.maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : request.maxAttempts(), request.timeout(),
                request.runAt(), idempotencyKey, hash, null, null, 0, null, 0);
        Job stored;
        try {
            stored = store.insert(job);
        } catch (DuplicateKeyException raced) {
            // a concurrent request with the same key committed first: the unique index decided, answer as a replay
            Job winner = store.findByIdempotencyKey(tenant, idempotencyKey).orElseThrow(() -> raced);
            return replay(winner, idempotencyKey, hash);
        }
        Counter.builder("conveyor.jobs.submitted")
                .description("Jobs accepted and stored")
                .tag("type", stored.type())
                .register(meters)
                .increment();
        publisher.submitted(stored);
        return new Submission(stored, true);
    }

    private static Submission replay(Job earlier, String key, String hash) {
        if (!hash.equals(earlier.requestHash())) {
            throw new IdempotencyKeyReusedException(key);
        }
        return new Submission(earlier, false);
    }
}
