package dev.conveyor.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/** A job's span, current on this thread with the job's log fields until closed. */
public final class JobSpan implements AutoCloseable {

    private final Span span;
    private final Tracer.SpanInScope scope;
    private final JobLogFields fields;

    JobSpan(Span span, Tracer.SpanInScope scope, JobLogFields fields) {
        this.span = span;
        this.scope = scope;
        this.fields = fields;
    }

    /** This span's context as a W3C {@code traceparent}, for a Kafka header or a follow-up job; null without tracing. */
    public String traceParent() {
        return span.isNoop() ? null : TraceParents.of(span.context());
    }

    public JobSpan tag(String key, String value) {
        span.tag(key, value);
        return this;
    }

    /** Marks the span as failed with {@code error}. */
    public void error(Throwable error) {
        span.error(error);
    }

    @Override
    public void close() {
        try {
            if (fields != null) {
                fields.close();
            }
            scope.close();
        } finally {
            span.end();
        }
    }
}
