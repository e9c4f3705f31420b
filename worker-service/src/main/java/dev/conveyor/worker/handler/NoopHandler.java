package dev.conveyor.worker.handler;

import java.util.Map;
import org.springframework.stereotype.Component;

/** Does nothing and succeeds: for smoke tests and for measuring the platform's own overhead. */
@Component
class NoopHandler implements JobHandler {

    private static final ParamsSchema SCHEMA = ParamsSchema.load("/dev/conveyor/worker/handler/noop.schema.json");
    private static final JobTypeDefinition DEFINITION = new JobTypeDefinition("noop",
            "Does nothing and succeeds.",
            SCHEMA);

    @Override
    public JobTypeDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> execute(JobContext context) {
        return Map.of();
    }
}
