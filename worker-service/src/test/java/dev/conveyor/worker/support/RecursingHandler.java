package dev.conveyor.worker.support;

import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.handler.JobHandler;
import dev.conveyor.worker.handler.JobTypeDefinition;
import dev.conveyor.worker.handler.ParamsSchema;
import java.util.Map;

/** Submits one follow-up of its own type each time it runs, as a badly written pipeline step might. */
public class RecursingHandler implements JobHandler {

    private static final JobTypeDefinition DEFINITION = new JobTypeDefinition("recurse",
            "Submits a follow-up job of its own type.",
            ParamsSchema.parse("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\"}"));

    @Override
    public JobTypeDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> execute(JobContext context) {
        return Map.of("child", context.submit("recurse", Map.of()).toString());
    }
}
