package dev.conveyor.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.scheduler.SchedulerApplication;
import dev.conveyor.store.Schedule;
import dev.conveyor.store.ScheduleStore;
import dev.conveyor.testsupport.RealInfrastructure;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two scheduler instances (two application contexts in this JVM, each with its firing loop on the real clock) on
 * one PostgreSQL: every tick of a two-second schedule fires exactly once, and pausing stops it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleReplicasIT {

    private static final int TICKS = 20;

    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private JdbcClient jdbc;
    private ScheduleStore schedules;

    @BeforeAll
    void startTwoSchedulers() throws Exception {
        Map<String, Object> properties = new HashMap<>(RealInfrastructure.properties());
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("conveyor.scheduler.sweep.enabled", "false");
        // this test is about firing: the replicas' consumers (dispatch, events) stay stopped, sparing a rebalance
        properties.put("spring.cloud.stream.bindings.jobSubmitted-in-0.consumer.auto-startup", "false");
        properties.put("spring.cloud.stream.bindings.jobEvents-in-0.consumer.auto-startup", "false");
        // as arguments, which take precedence over the service's own configuration files
        String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ConfigurableApplicationContext>> starting = List.of(
                    starters.submit(() -> SchedulerApplication.builder().run(arguments)),
                    starters.submit(() -> SchedulerApplication.builder().run(arguments)));
            for (Future<ConfigurableApplicationContext> context : starting) {
                replicas.add(context.get());
            }
        }
        jdbc = replicas.getFirst().getBean(JdbcClient.class);
        schedules = replicas.getFirst().getBean(ScheduleStore.class);
    }

    @AfterAll
    void stopSchedulers() {
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void two_replicas_fire_each_tick_exactly_once_and_pausing_stops_the_schedule() {
        // GIVEN a schedule every 2 s, its first tick the next one after now
        Instant now = Instant.now();
        Schedule created = schedules.insert(new Schedule(TimeOrderedIds.next(), "default", "every-two-seconds",
                "*/2 * * * * *", "UTC", Schedule.Kind.JOB, Map.of("type", "noop"), Schedule.Overlap.ALLOW,
                Schedule.CatchUp.ONE, false, Map.of(), Instant.ofEpochSecond((now.getEpochSecond() / 2 + 1) * 2),
                null, null, 0));

        // WHEN both replicas run their loops for 20 ticks
        await().atMost(Duration.ofSeconds(TICKS * 2 + 15)).pollInterval(Duration.ofMillis(200))
                .until(() -> ticks(created.id()).size() >= TICKS);

        // THEN each tick was fired once, with its own job, and no tick was left out
        List<Instant> ticks = ticks(created.id()).subList(0, TICKS);
        assertThat(ticks).doesNotHaveDuplicates();
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).as("tick %d", i).isEqualTo(Duration.ofSeconds(2));
        }
        List<UUID> jobs = jdbc.sql("SELECT job_id FROM conveyor.schedule_firing WHERE schedule_id = :id")
                .param("id", created.id()).query(UUID.class).list();
        assertThat(jobs).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job WHERE idempotency_key LIKE :prefix")
                .param("prefix", "schedule:" + created.id() + ":%").query(Long.class).single())
                .isEqualTo(jobs.size());

        // WHEN it is paused
        Schedule current = schedules.find(created.id()).orElseThrow();
        schedules.update(new Schedule(current.id(), current.tenant(), current.name(), current.cron(),
                current.timeZone(), current.kind(), current.template(), current.overlap(), current.catchUp(), true,
                current.labels(), current.nextFireAt(), current.createdAt(), current.updatedAt(), current.version()))
                .orElseThrow();
        int firedBeforePause = ticks(created.id()).size();

        // THEN no tick fires for the next two periods
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                .until(() -> ticks(created.id()).size() == firedBeforePause);
    }

    private List<Instant> ticks(UUID scheduleId) {
        return jdbc.sql("SELECT fire_time FROM conveyor.schedule_firing WHERE schedule_id = :id ORDER BY fire_time")
                .param("id", scheduleId).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
    }
}
