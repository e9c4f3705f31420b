package dev.conveyor.scheduler.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.routing.TopicLayout;
import dev.conveyor.common.routing.TopicRouter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds the records the way Boot does, without a context, so defaults and route keys are checked quickly. */
class SchedulerPropertiesTest {

    @Test
    void defaults_apply_when_nothing_is_configured() {
        SchedulerProperties properties = bind(Map.of());

        assertThat(properties.routes()).isEmpty();
        assertThat(properties.sweep()).isEqualTo(
                new SchedulerProperties.Sweep(true, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(10),
                        200, 50));
        assertThat(properties.dispatch()).isEqualTo(
                new SchedulerProperties.Dispatch(Duration.ofSeconds(10), Duration.ZERO));
        assertThat(properties.retention()).isEqualTo(
                new SchedulerProperties.Retention(Duration.ofDays(7), 1000, Duration.ofMinutes(1)));
        assertThat(properties.retention().enabled()).isTrue();
        assertThat(properties.metrics().stateRefreshInterval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void routes_by_type_and_by_tenant_and_type_reach_the_router() {
        SchedulerProperties properties = bind(Map.of(
                "conveyor.scheduler.routes.sql", "conveyor.jobs.warehouse",
                "conveyor.scheduler.routes[acme.sql]", "conveyor.jobs.acme-warehouse",
                "conveyor.scheduler.sweep.lost-message-after", "30s"));

        TopicRouter router = new TopicRouter(properties.routes());

        assertThat(router.topicFor("acme", "sql")).isEqualTo("conveyor.jobs.acme-warehouse");
        assertThat(router.topicFor("globex", "sql")).isEqualTo("conveyor.jobs.warehouse");
        assertThat(router.topicFor("acme", "noop")).isEqualTo("conveyor.jobs.noop");
        assertThat(properties.sweep().lostMessageAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retention_of_zero_keeps_finished_jobs_forever() {
        SchedulerProperties properties = bind(Map.of("conveyor.scheduler.retention.finished-jobs", "0s"));

        assertThat(properties.retention().enabled()).isFalse();
    }

    @Test
    void kafka_topic_layout_defaults_to_twelve_partitions_and_one_replica() {
        TopicLayout kafka = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("conveyor.kafka", TopicLayout.class);

        assertThat(kafka.partitions()).isEqualTo(12);
        assertThat(kafka.replicationFactor()).isEqualTo((short) 1);
    }

    @Test
    void kafka_topic_layout_binds_kebab_case_keys() {
        TopicLayout kafka = new Binder(new MapConfigurationPropertySource(Map.of(
                "conveyor.kafka.partitions", "24", "conveyor.kafka.replication-factor", "3")))
                .bindOrCreate("conveyor.kafka", TopicLayout.class);

        assertThat(kafka).isEqualTo(new TopicLayout(24, (short) 3));
    }

    private static SchedulerProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("conveyor.scheduler", SchedulerProperties.class);
    }
}
