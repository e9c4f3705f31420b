package dev.conveyor.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.common.job.JobState;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.Schedule;
import dev.conveyor.store.ScheduleStore;
import dev.conveyor.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Firing on demand with a clock moved by hand: catch-up after downtime, overlap, pause, manifests, and a template
 * whose job type went away. The real-time, two-replica case is {@link ScheduleReplicasIT}.
 */
class ScheduleFiringIT extends SchedulerIntegrationTest {

    private static final String EVERY_TWO_SECONDS = "*/2 * * * * *";

    @Autowired
    ScheduleFirer firer;
    @Autowired
    ScheduleStore schedules;
    @Autowired
    JobStore jobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @BeforeEach
    void onATick() {
        // a whole second, so every two-second tick is at a known offset from now
        clock.set(Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(1)));
        jdbc.sql("UPDATE conveyor.schedule SET paused = true").update();
    }

    @Test
    void after_downtime_catch_up_one_fires_the_latest_missed_tick_once() {
        // GIVEN a schedule every 2 s whose next tick was due 20 s ago (no scheduler ran meanwhile)
        Schedule schedule = create(Schedule.CatchUp.ONE, Schedule.Overlap.ALLOW, jobTemplate());
        clock.advance(Duration.ofSeconds(20).plusMillis(300));

        // WHEN the restarted scheduler fires, twice
        firer.fireDue();
        firer.fireDue();

        // THEN one firing, of the latest tick, and the next tick is the first after now
        List<Map<String, Object>> firings = firings(schedule.id());
        assertThat(firings).hasSize(1);
        assertThat(firings.getFirst()).containsEntry("outcome", "FIRED");
        assertThat(instant(firings.getFirst().get("fire_time"))).isEqualTo(start().plusSeconds(20));
        Job job = jobs.find((UUID) firings.getFirst().get("job_id")).orElseThrow();
        assertThat(job.idempotencyKey()).isEqualTo("schedule:" + schedule.id() + ":" + start().plusSeconds(20));
        assertThat(job.type()).isEqualTo("noop");
        assertThat(job.params()).containsEntry("from", "schedule");
        assertThat(schedules.find(schedule.id()).orElseThrow().nextFireAt()).isEqualTo(start().plusSeconds(22));
    }

    @Test
    void catch_up_all_fires_every_missed_tick_and_none_only_the_tick_due_now() {
        Schedule all = create(Schedule.CatchUp.ALL, Schedule.Overlap.ALLOW, jobTemplate());
        Schedule none = create(Schedule.CatchUp.NONE, Schedule.Overlap.ALLOW, jobTemplate());
        clock.advance(Duration.ofMinutes(5));

        firer.fireDue();

        // 0, 2, ..., 300 s: 151 ticks, fired 100 per round (max-catch-up-ticks) until none is left
        assertThat(firings(all.id())).hasSize(151).allSatisfy(firing -> assertThat(firing)
                .containsEntry("outcome", "FIRED"));
        // the tick at now is on time, not missed: it fires; the 150 before it do not
        assertThat(firings(none.id())).singleElement().satisfies(firing ->
                assertThat(instant(firing.get("fire_time"))).isEqualTo(start().plusSeconds(300)));
        assertThat(schedules.find(none.id()).orElseThrow().nextFireAt()).isEqualTo(start().plusSeconds(302));
    }

    @Test
    void overlap_skip_starts_nothing_while_the_previous_job_runs_and_cancel_previous_cancels_it() {
        Schedule skip = create(Schedule.CatchUp.ONE, Schedule.Overlap.SKIP, jobTemplate());
        Schedule cancel = create(Schedule.CatchUp.ONE, Schedule.Overlap.CANCEL_PREVIOUS, jobTemplate());
        firer.fireDue();
        UUID firstOfCancel = (UUID) firings(cancel.id()).getFirst().get("job_id");

        // WHEN the next tick comes while the first jobs have not finished (no worker runs here)
        clock.advance(Duration.ofSeconds(2));
        firer.fireDue();

        // THEN skip recorded a skipped firing; cancel_previous cancelled the first job and started another
        assertThat(firings(skip.id())).extracting(firing -> firing.get("outcome")).containsExactly("FIRED", "SKIPPED");
        assertThat(firings(cancel.id())).extracting(firing -> firing.get("outcome")).containsExactly("FIRED", "FIRED");
        assertThat(jobs.find(firstOfCancel).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void a_paused_schedule_does_not_fire() {
        Schedule schedule = create(Schedule.CatchUp.ONE, Schedule.Overlap.ALLOW, jobTemplate());
        firer.fireDue();
        Schedule fired = schedules.find(schedule.id()).orElseThrow();
        schedules.update(new Schedule(fired.id(), fired.tenant(), fired.name(), fired.cron(), fired.timeZone(),
                fired.kind(), fired.template(), fired.overlap(), fired.catchUp(), true, fired.labels(),
                fired.nextFireAt(), fired.createdAt(), fired.updatedAt(), fired.version())).orElseThrow();

        clock.advance(Duration.ofSeconds(10));
        firer.fireDue();

        assertThat(firings(schedule.id())).hasSize(1);
    }

    @Test
    void a_manifest_template_starts_a_manifest_per_tick() {
        Map<String, Object> manifest = Map.of("name", "nightly", "jobs", List.of(
                Map.of("key", "extract", "type", "noop"),
                Map.of("key", "load", "type", "noop", "dependsOn", List.of("extract"), "maxAttempts", 5,
                        "timeout", "PT1M")));
        Schedule schedule = schedules.insert(schedule(Schedule.Kind.MANIFEST, manifest, Schedule.CatchUp.ONE,
                Schedule.Overlap.ALLOW));

        firer.fireDue();

        UUID manifestId = (UUID) firings(schedule.id()).getFirst().get("manifest_id");
        assertThat(manifestId).isNotNull();
        List<Job> manifestJobs = jdbc.sql("SELECT id FROM conveyor.job WHERE manifest_id = :id ORDER BY job_key")
                .param("id", manifestId).query(UUID.class).list().stream()
                .map(id -> jobs.find(id).orElseThrow()).toList();
        assertThat(manifestJobs).extracting(Job::jobKey).containsExactly("extract", "load");
        assertThat(manifestJobs.get(1).state()).isEqualTo(JobState.WAITING);
        assertThat(manifestJobs.get(1).maxAttempts()).isEqualTo(5);
        assertThat(manifestJobs.get(1).timeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void a_tick_whose_work_cannot_be_stored_is_recorded_as_failed_and_the_others_still_fire() {
        // a manifest naming a dependency that is not there can no longer be built
        Schedule broken = schedules.insert(schedule(Schedule.Kind.MANIFEST, Map.of("name", "broken", "jobs",
                List.of(Map.of("key", "a", "type", "noop", "dependsOn", List.of("missing")))),
                Schedule.CatchUp.ONE, Schedule.Overlap.ALLOW));
        Schedule fine = create(Schedule.CatchUp.ONE, Schedule.Overlap.ALLOW, jobTemplate());

        firer.fireDue();

        assertThat(firings(broken.id())).extracting(firing -> firing.get("outcome")).containsExactly("FAILED");
        assertThat(firings(fine.id())).extracting(firing -> firing.get("outcome")).containsExactly("FIRED");
        assertThat(schedules.find(broken.id()).orElseThrow().nextFireAt()).isAfter(clock.instant());
    }

    private Instant start;

    private Instant start() {
        return start;
    }

    private Schedule create(Schedule.CatchUp catchUp, Schedule.Overlap overlap, Map<String, Object> template) {
        return schedules.insert(schedule(Schedule.Kind.JOB, template, catchUp, overlap));
    }

    private Schedule schedule(Schedule.Kind kind, Map<String, Object> template, Schedule.CatchUp catchUp,
            Schedule.Overlap overlap) {
        start = clock.instant();
        return new Schedule(TimeOrderedIds.next(), "default", "s-" + UUID.randomUUID(), EVERY_TWO_SECONDS, "UTC",
                kind, template, overlap, catchUp, false, Map.of(), start, null, null, 0);
    }

    private static Map<String, Object> jobTemplate() {
        return Map.of("type", "noop", "params", Map.of("from", "schedule"));
    }

    private List<Map<String, Object>> firings(UUID scheduleId) {
        return jdbc.sql("SELECT * FROM conveyor.schedule_firing WHERE schedule_id = :id ORDER BY fire_time, fired_at")
                .param("id", scheduleId).query().listOfRows();
    }

    private static Instant instant(Object timestamp) {
        return ((java.sql.Timestamp) timestamp).toInstant();
    }
}
