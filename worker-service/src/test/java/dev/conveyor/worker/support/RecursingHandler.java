package dev.conveyor.worker.support;

import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.handler.JobHandler;
import java.util.Map;

/** Submits one follow-up of its own type each time it runs, as a badly written pipeline step might. */
public class RecursingHandler implements JobHandler {

    @Override
    public String type() {
        return "recurse";
    }

    @Override
    public String paramsSchema() {
        return "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\"}";
    }

    @Override
    public String description() {
        return "Submits a follow-up job of its own type.";
    }

    @Override
    public Map<String, Object> execute(JobContext context) {
        return Map.of("child", context.submit("recurse", Map.of()).toString());
    }
}
