package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One kind of test job: what it is (type, tenant, params, ...) and how far it has come (the state its
 * {@link TestJobs} factory named, and for a job a worker ran: the attempt, the worker, its result or error).
 * {@link #insert()} stores a new one; {@link #advance(UUID)} takes a stored job (e.g. one submitted through the
 * API) the rest of the way. A builder may be used again: each insert is a new job with a new id.
 */
public final class TestJobBuilder {

    private static final String DEFAULT_WORKER = "worker-1";

    private final TestJobs kit;
    private final JobState target;
    private final NewJob.Builder job = NewJob.builder("noop");
    private String manifestKey;
    private int attempt = 1;
    private String worker = DEFAULT_WORKER;
    private Duration lease = Duration.ofMinutes(1);
    private Instant dueAt;
    private Map<String, Object> result = Map.of();
    private String error = "boom";
    private String message = "cancelled";

    TestJobBuilder(TestJobs kit, JobState target) {
        this.kit = kit;
        this.target = target;
    }

    public TestJobBuilder ofType(String type) {
        job.type(type);
        return this;
    }

    public TestJobBuilder forTenant(String tenant) {
        job.tenant(tenant);
        return this;
    }

    public TestJobBuilder withParams(Map<String, Object> params) {
        job.params(params);
        return this;
    }

    public TestJobBuilder withLabels(Map<String, String> labels) {
        job.labels(labels);
        return this;
    }

    public TestJobBuilder withMaxAttempts(int maxAttempts) {
        job.maxAttempts(maxAttempts);
        return this;
    }

    public TestJobBuilder withTimeout(Duration timeout) {
        job.timeout(timeout);
        return this;
    }

    /** The {@code runAt} it was submitted with. */
    public TestJobBuilder withNotBefore(Instant notBefore) {
        job.notBefore(notBefore);
        return this;
    }

    /** Stored with this many unfinished dependencies while still SUBMITTED, as a race could leave it. */
    public TestJobBuilder withPendingDependencies(int pending) {
        job.pendingDependencies(pending);
        return this;
    }

    /** A follow-up job of {@code parent}, one level below it. */
    public TestJobBuilder childOf(Job parent) {
        job.childOf(parent.id(), parent.depth());
        return this;
    }

    /** The only job of a new manifest (named {@code test}), under this key. */
    public TestJobBuilder inManifest(String key) {
        manifestKey = key;
        return this;
    }

    /** For a job a worker ran: its attempt (1 unless set); the earlier ones failed and were retried. */
    public TestJobBuilder onAttempt(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        attempt = number;
        return this;
    }

    /** For a job a worker ran: the worker that claimed it ({@code worker-1} unless set). */
    public TestJobBuilder leasedBy(String workerId) {
        worker = workerId;
        return this;
    }

    /** For a job a worker ran: the lease its claim took (one minute unless set). */
    public TestJobBuilder withLease(Duration duration) {
        lease = duration;
        return this;
    }

    /** For a SCHEDULED job: when it is due (an hour after the kit's clock unless set). */
    public TestJobBuilder dueAt(Instant time) {
        dueAt = time;
        return this;
    }

    /** For a SUCCEEDED job: its result (empty unless set). */
    public TestJobBuilder withResult(Map<String, Object> value) {
        result = value;
        return this;
    }

    /** For a FAILED job: its error ({@code boom} unless set). */
    public TestJobBuilder withError(String value) {
        error = value;
        return this;
    }

    /** For a CANCELLED job: the message in its history. */
    public TestJobBuilder withMessage(String value) {
        message = value;
        return this;
    }

    /** Stores a new job and moves it to this builder's state. */
    public Job insert() {
        NewJob newJob = job.id(null).build();
        Job stored;
        if (manifestKey == null) {
            stored = kit.jobs().insert(newJob);
        } else {
            UUID manifestId = UUID.randomUUID();
            NewJob inManifest = newJob.inManifest(manifestId, manifestKey, 0);
            kit.manifests().insert(new NewManifest(manifestId, inManifest.tenant(), "test", Map.of(), null, null,
                    List.of(inManifest), Map.of()));
            stored = kit.jobs().find(inManifest.id()).orElseThrow();
        }
        return bringOn(stored);
    }

    /** {@code count} new jobs, each stored and moved on as {@link #insert()} does. */
    public List<Job> insert(int count) {
        return IntStream.range(0, count).mapToObj(i -> insert()).toList();
    }

    /**
     * Takes a stored job from where it is (SUBMITTED, WAITING, SCHEDULED, QUEUED or RUNNING) to this builder's
     * state along the same path; the options that describe a new job (type, params, ...) do not apply.
     */
    public Job advance(UUID id) {
        return bringOn(kit.jobs().find(id).orElseThrow(() -> new IllegalArgumentException("No job " + id)));
    }

    private Job bringOn(Job job) {
        return switch (target) {
            case SUBMITTED -> job;
            case SCHEDULED -> moved(job, JobState.SCHEDULED, kit.moves().schedule(job.id(), job.state(),
                    dueAt == null ? kit.clock().instant().plus(Duration.ofHours(1)) : dueAt));
            case QUEUED -> queued(job);
            case RUNNING -> running(job);
            case SUCCEEDED -> {
                Job running = running(job);
                yield moved(running, JobState.SUCCEEDED,
                        kit.moves().succeed(job.id(), worker, running.attempt(), result));
            }
            case FAILED -> {
                Job running = running(job);
                yield moved(running, JobState.FAILED, kit.moves().fail(job.id(), worker, running.attempt(), error));
            }
            case CANCELLED -> moved(job, JobState.CANCELLED, job.state() == JobState.RUNNING
                    ? kit.moves().cancelRunning(job.id(), job.leaseOwner(), job.attempt(), message)
                    : kit.jobs().cancel(job.id(), job.state(), message));
            default -> throw new IllegalStateException("The kit does not build " + target + " jobs");
        };
    }

    private Job queued(Job job) {
        return job.state() == JobState.QUEUED ? job
                : moved(job, JobState.QUEUED, kit.moves().queue(job.id(), job.state()));
    }

    private Job running(Job job) {
        if (job.state() == JobState.RUNNING) {
            return job;
        }
        Job current = claimed(queued(job));
        while (current.attempt() < attempt) {
            Job retried = moved(current, JobState.SCHEDULED, kit.moves().retryLater(current.id(), worker,
                    current.attempt(), "try again", kit.clock().instant()));
            current = claimed(moved(retried, JobState.QUEUED, kit.moves().queue(current.id(), JobState.SCHEDULED)));
        }
        return current;
    }

    private Job claimed(Job queued) {
        return moved(queued, JobState.RUNNING, kit.moves().claim(queued.id(), worker, lease));
    }

    private static Job moved(Job from, JobState to, Optional<Job> result) {
        return result.orElseThrow(() -> new IllegalStateException(
                "The kit could not move job " + from.id() + " from " + from.state() + " to " + to));
    }
}
