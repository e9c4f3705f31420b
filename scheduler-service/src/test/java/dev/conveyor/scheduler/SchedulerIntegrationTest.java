package dev.conveyor.scheduler;

import dev.conveyor.testsupport.MutableClock;
import dev.conveyor.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * One application context for every integration test (so one consumer of {@code conveyor.jobs.submitted}
 * per JVM): real PostgreSQL and Kafka, a clock moved by hand, and the sweep loop off so tests sweep on
 * demand (and the schedule loop off, so tests fire schedules on demand). The route below is what the routing test
 * relies on, the caps what the tenant cap test does.
 */
@SpringBootTest(classes = SchedulerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.config.name=" + SchedulerApplication.CONFIG_NAME,
                "conveyor.scheduler.sweep.enabled=false",
                "conveyor.scheduler.schedules.enabled=false",
                "conveyor.scheduler.webhooks.enabled=false",
                "conveyor.scheduler.triggers.enabled=false",
                // the test receiver listens on 127.0.0.1
                "conveyor.scheduler.webhooks.allow-private-addresses=true",
                "conveyor.scheduler.routes[acme.sql]=" + SchedulerIntegrationTest.ACME_SQL_TOPIC,
                "conveyor.scheduler.quotas.tenants.capped-events=2",
                "conveyor.scheduler.quotas.tenants.capped-sweep=2",
                "conveyor.scheduler.quotas.tenants.capped-manifest=1",
                "conveyor.scheduler.quotas.tenants.capped-race=3",
        })
@WithRealInfrastructure
@Import(SchedulerIntegrationTest.Clocks.class)
public abstract class SchedulerIntegrationTest {

    public static final String ACME_SQL_TOPIC = "conveyor.jobs.acme-warehouse";

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return MutableClock.startingNow();
        }
    }
}
