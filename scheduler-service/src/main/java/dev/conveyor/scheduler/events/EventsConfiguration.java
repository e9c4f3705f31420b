package dev.conveyor.scheduler.events;

import dev.conveyor.scheduler.system.MessageJson;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /** The function bean bound to {@code conveyor.jobs.events}; handlers are every {@link JobOutcomeHandler}. */
    @Bean
    JobOutcomeListener jobEvents(MessageJson json, List<JobOutcomeHandler> handlers) {
        return new JobOutcomeListener(json, handlers);
    }
}
