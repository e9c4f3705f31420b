package dev.conveyor.frontend.manifest;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.InvalidManifestException;
import dev.conveyor.common.manifest.ManifestGraph;
import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.jobtype.CompiledJobType;
import dev.conveyor.frontend.jobtype.JobTypeCatalog;
import dev.conveyor.frontend.system.CanonicalHash;
import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.frontend.system.IdempotencyKeyReusedException;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.store.Job;
import dev.conveyor.store.Manifest;
import dev.conveyor.store.ManifestStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.NewManifest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts a manifest: checks all of it, stores it, and only then announces its root jobs. Nothing is
 * stored unless every check passes: fields, job count, unique keys, a dependency graph without
 * cycles, registered job types, params against their schemas and references that can resolve. The
 * manifest row, its jobs and their edges commit in one transaction, so the scheduler never sees a
 * manifest with half its jobs; jobs without dependencies start SUBMITTED and are announced with
 * {@code JobSubmitted}, the rest wait (WAITING, pending = their number of distinct dependencies) for
 * the scheduler to release them as their dependencies succeed.
 */
@Service
class ManifestSubmissionService {

    /** The stored manifest as shown, and whether this request created it (false: a replay). */
    record Submission(ManifestView manifest, boolean created) {
    }

    private final JobTypeCatalog catalog;
    private final ManifestStore manifests;
    private final ManifestReader reader;
    private final TransactionTemplate transactions;
    private final JobEventPublisher publisher;
    private final JsonMapper mapper;
    private final Counter submitted;
    private final long maxParamsSize;

    ManifestSubmissionService(JobTypeCatalog catalog, ManifestStore manifests, ManifestReader reader,
            TransactionTemplate transactions, JobEventPublisher publisher, JsonMapper mapper, MeterRegistry meters,
            FrontendProperties properties) {
        this.catalog = catalog;
        this.manifests = manifests;
        this.reader = reader;
        this.transactions = transactions;
        this.publisher = publisher;
        this.mapper = mapper;
        this.submitted = Counter.builder("conveyor.manifests.submitted")
                .description("Manifests accepted and stored")
                .register(meters);
        this.maxParamsSize = properties.maxParamsSize().toBytes();
    }

    Submission submit(String tenant, String idempotencyKey, SubmitManifestRequest request) {
        ManifestGraph graph = check(request);
        String hash = idempotencyKey == null ? null : fingerprint(tenant, request);
        if (idempotencyKey != null) {
            Optional<Manifest> earlier = manifests.findByIdempotencyKey(tenant, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), idempotencyKey, hash);
            }
        }
        NewManifest manifest = build(tenant, idempotencyKey, hash, request, graph);
        List<Job> stored = new ArrayList<>();
        ManifestView view;
        try {
            view = transactions.execute(status -> {
                Manifest row = manifests.insert(manifest);
                stored.addAll(manifests.jobs(row.id()));
                return reader.view(row, stored, manifests.dependencies(row.id()));
            });
        } catch (DuplicateKeyException raced) {
            // a concurrent request with the same key committed first: the unique index decided, answer as a replay
            Manifest winner = manifests.findByIdempotencyKey(tenant, idempotencyKey).orElseThrow(() -> raced);
            return replay(winner, idempotencyKey, hash);
        }
        submitted.increment();
        stored.stream().filter(job -> job.state() == JobState.SUBMITTED).forEach(publisher::submitted);
        return new Submission(view, true);
    }

    /** Every check, in order of cost; throws with all problems of the first failing stage. */
    private ManifestGraph check(SubmitManifestRequest request) {
        if (request.jobs() != null && request.jobs().size() > ManifestGraph.MAX_JOBS) {
            throw new ManifestRejectedException("jobs", "a manifest holds at most " + ManifestGraph.MAX_JOBS
                    + " jobs, not " + request.jobs().size());
        }
        List<FieldProblem> problems = request.problems();
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        List<String> keys = request.jobs().stream().map(SubmitManifestRequest.Job::key).toList();
        List<String> duplicates = ManifestGraph.duplicateKeys(keys);
        if (!duplicates.isEmpty()) {
            throw new ManifestRejectedException("jobs", "job keys must be unique; used more than once: "
                    + String.join(", ", duplicates));
        }
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        request.jobs().forEach(job -> dependsOn.put(job.key(), job.dependsOn() == null ? List.of() : job.dependsOn()));
        ManifestGraph graph;
        try {
            graph = ManifestGraph.of(dependsOn);
        } catch (InvalidManifestException e) {
            throw new ManifestRejectedException(e.field(), e.getMessage());
        }

        List<FieldProblem> tooLarge = new ArrayList<>();
        List<FieldProblem> rejected = new ArrayList<>();
        for (SubmitManifestRequest.Job job : request.jobs()) {
            String field = "jobs[" + job.key() + "]";
            String params = mapper.writeValueAsString(job.params() == null ? Map.of() : job.params());
            long size = params.getBytes(StandardCharsets.UTF_8).length;
            if (size > maxParamsSize) {
                tooLarge.add(new FieldProblem(field + ".params", "serializes to " + size + " bytes; the limit is "
                        + maxParamsSize));
                continue;
            }
            Optional<CompiledJobType> type = catalog.find(job.type());
            if (type.isEmpty()) {
                rejected.add(new FieldProblem(field + ".type", "'" + job.type()
                        + "' is not a registered job type; see GET /api/v1/job-types"));
            } else {
                type.get().violations(mapper.readTree(params)).forEach(violation -> rejected.add(new FieldProblem(
                        field + ".params" + violation.field().substring(1), violation.message())));
            }
            rejected.addAll(Placeholders.problems(job.key(), job.params(), graph::dependsOn, graph.keys()));
        }
        if (!tooLarge.isEmpty()) {
            throw new ManifestRejectedException(HttpStatus.CONTENT_TOO_LARGE, "Params too large", tooLarge);
        }
        if (!rejected.isEmpty()) {
            throw new ManifestRejectedException(rejected);
        }
        return graph;
    }

    private static NewManifest build(String tenant, String idempotencyKey, String hash, SubmitManifestRequest request,
            ManifestGraph graph) {
        UUID manifestId = TimeOrderedIds.next();
        Map<String, UUID> ids = new HashMap<>();
        request.jobs().forEach(job -> ids.put(job.key(), TimeOrderedIds.next()));
        List<NewJob> jobs = new ArrayList<>();
        Map<UUID, List<UUID>> edges = new HashMap<>();
        for (SubmitManifestRequest.Job job : request.jobs()) {
            List<String> upstream = graph.dependsOn(job.key()); // distinct: the graph dropped repeats
            jobs.add(NewJob.builder(job.type())
                    .id(ids.get(job.key()))
                    .tenant(tenant)
                    .params(job.params())
                    .labels(job.labels())
                    .maxAttempts(job.maxAttempts() == null ? NewJob.DEFAULT_MAX_ATTEMPTS : job.maxAttempts())
                    .timeout(job.timeout())
                    .inManifest(manifestId, job.key(), upstream.size())
                    .build());
            if (!upstream.isEmpty()) {
                edges.put(ids.get(job.key()), upstream.stream().map(ids::get).toList());
            }
        }
        return new NewManifest(manifestId, tenant, request.name(), request.labels(), idempotencyKey, hash, jobs, edges);
    }

    /** Defaults applied first, so leaving out maxAttempts and sending 3 are the same request. */
    static String fingerprint(String tenant, SubmitManifestRequest request) {
        List<SubmitManifestRequest.Job> jobs = request.jobs().stream()
                .map(job -> new SubmitManifestRequest.Job(job.key(), job.type(),
                        job.params() == null ? Map.of() : job.params(),
                        job.dependsOn() == null ? List.of() : job.dependsOn(),
                        job.maxAttempts() == null ? NewJob.DEFAULT_MAX_ATTEMPTS : job.maxAttempts(), job.timeout(),
                        job.labels() == null || job.labels().isEmpty() ? null : job.labels()))
                .toList();
        return CanonicalHash.of(tenant, new SubmitManifestRequest(request.name(),
                request.labels() == null || request.labels().isEmpty() ? null : request.labels(), jobs));
    }

    private Submission replay(Manifest earlier, String key, String hash) {
        if (!hash.equals(earlier.requestHash())) {
            throw new IdempotencyKeyReusedException(key);
        }
        return new Submission(reader.view(earlier), false);
    }
}
