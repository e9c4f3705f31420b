package dev.conveyor.scheduler.dispatch;

import dev.conveyor.common.event.JobSubmitted;
import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.scheduler.system.MessageJson;
import dev.conveyor.store.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;

/** The dispatch path: {@code conveyor.jobs.submitted} in, JobDispatched out on the typed topics. */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DispatchConfiguration.class);

    @Bean
    WaitingJobs waitingJobs(JdbcClient jdbc, Clock clock) {
        return new WaitingJobs(jdbc, clock);
    }

    @Bean
    DispatchPublisher dispatchPublisher(StreamBridge streamBridge, TopicRouter router, MessageJson json, Clock clock) {
        return new DispatchPublisher(streamBridge, router, json, clock);
    }

    @Bean
    Dispatcher dispatcher(JobStore jobs, WaitingJobs waitingJobs, DispatchPublisher publisher,
            PlatformTransactionManager transactionManager, MeterRegistry meters, Clock clock) {
        return new Dispatcher(jobs, waitingJobs, new DispatchDecider(), publisher,
                new TransactionTemplate(transactionManager), meters, clock);
    }

    /**
     * Bound to {@code conveyor.jobs.submitted} as {@code jobSubmitted-in-0}. The payload is read here, not
     * by the binder's converters, so an unreadable message is logged and skipped instead of retried: no
     * retry can fix it, and the sweep still finds the job by its age. A failed dispatch does throw, so
     * the binder retries it.
     */
    @Bean
    Consumer<byte[]> jobSubmitted(Dispatcher dispatcher, MessageJson json) {
        return payload -> {
            JobSubmitted submitted;
            try {
                submitted = json.read(payload, JobSubmitted.class);
            } catch (JacksonException e) {
                log.warn("Skipping unreadable JobSubmitted: {}", e.getOriginalMessage());
                return;
            }
            if (submitted.jobId() == null) {
                log.warn("Skipping JobSubmitted without a jobId");
                return;
            }
            dispatcher.onSubmitted(submitted.jobId());
        };
    }
}
