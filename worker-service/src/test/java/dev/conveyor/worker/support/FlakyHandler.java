package dev.conveyor.worker.support;

import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.handler.JobHandler;
import dev.conveyor.worker.handler.JobTypeDefinition;
import dev.conveyor.worker.handler.ParamsSchema;
import java.util.Map;

/** A job type added the way users add one, by declaring a bean; it always fails in a retryable way. */
public class FlakyHandler implements JobHandler {

    private static final JobTypeDefinition DEFINITION = new JobTypeDefinition("flaky",
            "Fails every attempt, as a busy upstream would.",
            ParamsSchema.parse("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\"}"));

    @Override
    public JobTypeDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> execute(JobContext context) {
        throw new IllegalStateException("upstream busy");
    }
}
