package dev.conveyor.frontend.manifest;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.InvalidManifestException;
import dev.conveyor.common.manifest.ManifestGraph;
import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.jobtype.ParamsCheck;
import dev.conveyor.frontend.system.CanonicalHash;
import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.IdempotentRequest;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.frontend.system.Submission;
import dev.conveyor.frontend.webhook.NotifyCheck;
import dev.conveyor.store.ManifestStore;
import dev.conveyor.observability.JobSpans;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.NewManifest;
import dev.conveyor.store.WebhookOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
public class ManifestSubmissionService {

    private final ParamsCheck params;
    private final ManifestStore store;
    private final ManifestRepository manifests;
    private final ManifestViews views;
    private final TransactionTemplate transactions;
    private final JobEventPublisher publisher;
    private final Counter submitted;
    private final JobSpans spans;
    private final NotifyCheck notifyCheck;
    private final WebhookOutbox webhooks;

    ManifestSubmissionService(ParamsCheck params, ManifestStore store, ManifestRepository manifests,
            ManifestViews views, TransactionTemplate transactions, JobEventPublisher publisher, MeterRegistry meters,
            NotifyCheck notifyCheck, WebhookOutbox webhooks, JobSpans spans) {
        this.notifyCheck = notifyCheck;
        this.webhooks = webhooks;
        this.params = params;
        this.store = store;
        this.manifests = manifests;
        this.views = views;
        this.transactions = transactions;
        this.publisher = publisher;
        this.submitted = Counter.builder("conveyor.manifests.submitted")
                .description("Manifests accepted and stored")
                .register(meters);
        this.spans = spans;
    }

    /** @param idempotencyKey the request's Idempotency-Key header, or null */
    Submission<ManifestView> submit(String tenant, String idempotencyKey, SubmitManifestRequest request) {
        ManifestGraph graph = check(request);
        IdempotentRequest idempotency = idempotencyKey == null ? null
                : new IdempotentRequest(idempotencyKey, fingerprint(tenant, request));
        if (idempotency != null) {
            Optional<ManifestEntity> earlier = manifests.findByTenantAndIdempotencyKey(tenant, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(idempotency, earlier.get());
            }
        }
        NewManifest manifest = build(tenant, idempotency, request, graph, spans.currentTraceParent());
        ManifestView stored;
        try {
            // the answer is read in the insert's transaction: it shows the manifest as stored, and a manifest
            // whose answer could not be read is not stored either
            stored = transactions.execute(status -> {
                store.insert(manifest);
                if (request.notification() != null) {
                    webhooks.subscribeManifest(manifest.id(), request.notification().url(),
                            request.notification().eventsOrAll());
                }
                return views.find(tenant, manifest.id()).orElseThrow();
            });
        } catch (DuplicateKeyException raced) {
            // a concurrent request with the same key committed first: the unique index decided, answer as a replay
            ManifestEntity winner = manifests.findByTenantAndIdempotencyKey(tenant, idempotencyKey)
                    .orElseThrow(() -> raced);
            return replay(idempotency, winner);
        }
        submitted.increment();
        publisher.submittedNew(manifest.jobs().stream().filter(job -> job.initialState() == JobState.SUBMITTED)
                .toList());
        return Submission.created(stored);
    }

    /** Every check, in order of cost; throws with all problems of the first failing stage. */
    public ManifestGraph check(SubmitManifestRequest request) {
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
            if (params.check("jobs[" + job.key() + "]", job.type(), job.params(), tooLarge, rejected)) {
                rejected.addAll(Placeholders.problems(job.key(), job.params(), graph::dependsOn, graph.keys()));
            }
        }
        if (!tooLarge.isEmpty()) {
            throw new ManifestRejectedException(HttpStatus.CONTENT_TOO_LARGE, "Params too large", tooLarge);
        }
        if (!rejected.isEmpty()) {
            throw new ManifestRejectedException(rejected);
        }
        notifyCheck.check("notify", request.notification());
        return graph;
    }

    /** @param traceParent the request's trace context, which all the manifest's jobs share */
    private static NewManifest build(String tenant, IdempotentRequest idempotency, SubmitManifestRequest request,
            ManifestGraph graph, String traceParent) {
        UUID manifestId = TimeOrderedIds.next();
        Map<String, UUID> ids = new HashMap<>();
        request.jobs().forEach(job -> ids.put(job.key(), TimeOrderedIds.next()));
        List<NewJob> jobs = new ArrayList<>();
        Map<UUID, List<UUID>> edges = new HashMap<>();
        for (SubmitManifestRequest.Job job : request.jobs()) {
            List<String> upstream = graph.dependsOn(job.key()); // distinct: the graph dropped repeats
            jobs.add(NewJob.of(job.type(), job.params())
                    .withId(ids.get(job.key()))
                    .withTenant(tenant)
                    .withLabels(job.labels())
                    .withMaxAttempts(job.maxAttempts() == null ? NewJob.DEFAULT_MAX_ATTEMPTS : job.maxAttempts())
                    .withTimeout(job.timeout())
                    .withTraceParent(traceParent)
                    .inManifest(manifestId, job.key(), upstream.size()));
            if (!upstream.isEmpty()) {
                edges.put(ids.get(job.key()), upstream.stream().map(ids::get).toList());
            }
        }
        return new NewManifest(manifestId, tenant, request.name(), request.labels(),
                idempotency == null ? null : idempotency.key(), idempotency == null ? null : idempotency.requestHash(),
                jobs, edges);
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
                request.labels() == null || request.labels().isEmpty() ? null : request.labels(), jobs,
                request.notification()));
    }

    private Submission<ManifestView> replay(IdempotentRequest idempotency, ManifestEntity earlier) {
        return idempotency.replay(earlier.requestHash(), () -> views.view(earlier));
    }
}
