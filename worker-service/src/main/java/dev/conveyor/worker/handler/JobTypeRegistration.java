package dev.conveyor.worker.handler;

import dev.conveyor.store.JobTypeStore;
import dev.conveyor.worker.system.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Writes every handler's type, params schema and description to {@code conveyor.job_type} once the
 * beans exist and before the intake starts, so the API validates against what can actually run.
 */
@Component
class JobTypeRegistration implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(JobTypeRegistration.class);

    private final JobHandlers handlers;
    private final JobTypeStore types;
    private final WorkerProperties properties;

    JobTypeRegistration(JobHandlers handlers, JobTypeStore types, WorkerProperties properties) {
        this.handlers = handlers;
        this.types = types;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (JobHandler handler : handlers.all()) {
            JobTypeDefinition definition = handler.definition();
            types.register(definition.type(), definition.schema().text(), definition.description(),
                    properties.workerId());
        }
        log.info("Worker {} registered job types {}", properties.workerId(), handlers.types());
    }
}
