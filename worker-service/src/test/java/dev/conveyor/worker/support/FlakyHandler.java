package dev.conveyor.worker.support;

import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.handler.JobHandler;
import java.util.Map;

/** A job type added the way users add one, by declaring a bean; it always fails in a retryable way. */
public class FlakyHandler implements JobHandler {

    @Override
    public String type() {
        return "flaky";
    }

    @Override
    public String paramsSchema() {
        return "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\"}";
    }

    @Override
    public String description() {
        return "Fails every attempt, as a busy upstream would.";
    }

    @Override
    public Map<String, Object> execute(JobContext context) {
        throw new IllegalStateException("upstream busy");
    }
}
