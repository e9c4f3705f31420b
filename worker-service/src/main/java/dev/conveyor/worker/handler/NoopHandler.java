package dev.conveyor.worker.handler;

import java.util.Map;
import org.springframework.stereotype.Component;

/** Does nothing and succeeds: for smoke tests and for measuring the platform's own overhead. */
@Component
class NoopHandler implements JobHandler {

    private static final ParamsSchema SCHEMA = ParamsSchema.load("/dev/conveyor/worker/handler/noop.schema.json");

    @Override
    public String type() {
        return "noop";
    }

    @Override
    public String paramsSchema() {
        return SCHEMA.text();
    }

    @Override
    public String description() {
        return "Does nothing and succeeds.";
    }

    @Override
    public Map<String, Object> execute(JobContext context) {
        return Map.of();
    }
}
