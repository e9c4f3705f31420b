package dev.conveyor.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;

/**
 * Starts the spans of one job's work. The pipeline is batched (one insert stores many requests' jobs, one poll
 * dispatches or claims many), so no batch-wide span or Kafka observation can carry each job's trace; instead each
 * stage starts a span per job whose parent is the trace context stored on the job's row at submission. A job's
 * spans thus form one trace from its POST to its warehouse work, however the services batched it.
 */
public class JobSpans {

    private final Tracer tracer;
    private final Propagator propagator;

    public JobSpans(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The W3C {@code traceparent} of the span current on this thread (a request's), or null without one. */
    public String currentTraceParent() {
        Span current = tracer.currentSpan();
        return current == null || current.isNoop() ? null : TraceParents.of(current.context());
    }

    /**
     * Starts {@code name} as a child of the job's stored trace context (a new trace when it has none), makes it
     * current on this thread and puts the job's fields into the MDC, until the returned scope is closed.
     */
    public JobSpan start(String name, TracedJob job) {
        Span.Builder builder = TraceParents.isValid(job.traceParent())
                ? propagator.extract(Map.of(TraceParents.HEADER, job.traceParent()), Map::get)
                : tracer.spanBuilder().setNoParent();
        Span span = builder.name(name)
                .tag("conveyor.job.id", job.id().toString())
                .tag("conveyor.job.type", job.type())
                .tag("conveyor.job.attempt", String.valueOf(job.attempt()))
                .start();
        String traceId = span.isNoop() ? job.traceId() : span.context().traceId();
        return new JobSpan(span, tracer.withSpan(span),
                JobLogFields.of(job.id(), job.manifestId(), job.tenant(), job.type(), job.attempt(), traceId));
    }

    /** A span under the current one (a job's warehouse work under its run), current until closed. */
    public JobSpan child(String name) {
        Span span = tracer.nextSpan().name(name).start();
        return new JobSpan(span, tracer.withSpan(span), null);
    }
}
