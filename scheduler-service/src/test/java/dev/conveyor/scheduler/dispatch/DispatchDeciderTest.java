package dev.conveyor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DispatchDeciderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final DispatchDecider decider = new DispatchDecider();

    @Test
    void queues_a_submitted_job_without_time_or_dependencies() {
        assertThat(decider.decide(job(JobState.SUBMITTED, null, 0), NOW)).isEqualTo(new NextMove.Queue());
    }

    @Test
    void queues_a_submitted_job_whose_time_has_come() {
        assertThat(decider.decide(job(JobState.SUBMITTED, NOW, 0), NOW)).isEqualTo(new NextMove.Queue());
        assertThat(decider.decide(job(JobState.SUBMITTED, NOW.minusSeconds(1), 0), NOW))
                .isEqualTo(new NextMove.Queue());
    }

    @Test
    void schedules_a_submitted_job_that_must_not_run_yet() {
        Instant later = NOW.plus(Duration.ofMinutes(5));

        assertThat(decider.decide(job(JobState.SUBMITTED, later, 0), NOW)).isEqualTo(new NextMove.Schedule(later));
    }

    @Test
    void a_released_waiting_job_is_queued_or_scheduled_by_its_time() {
        Instant later = NOW.plus(Duration.ofMinutes(5));

        assertThat(decider.decideReleased(job(JobState.WAITING, null, 0), NOW)).isEqualTo(new NextMove.Queue());
        assertThat(decider.decideReleased(job(JobState.WAITING, later, 0), NOW))
                .isEqualTo(new NextMove.Schedule(later));
        assertThat(decider.decideReleased(job(JobState.QUEUED, null, 0), NOW)).isInstanceOf(NextMove.Leave.class);
    }

    @Test
    void a_job_with_pending_dependencies_waits_even_when_it_also_has_a_time() {
        assertThat(decider.decide(job(JobState.SUBMITTED, null, 2), NOW)).isEqualTo(new NextMove.Wait(2));
        assertThat(decider.decide(job(JobState.SUBMITTED, NOW.plusSeconds(60), 1), NOW))
                .isEqualTo(new NextMove.Wait(1));
    }

    @Test
    void queues_a_scheduled_job_once_due_and_leaves_it_before() {
        assertThat(decider.decide(job(JobState.SCHEDULED, NOW, 0), NOW)).isEqualTo(new NextMove.Queue());
        assertThat(decider.decide(job(JobState.SCHEDULED, NOW.plusMillis(1), 0), NOW))
                .isInstanceOf(NextMove.Leave.class);
    }

    @Test
    void compares_times_at_the_microseconds_the_database_keeps() {
        // PostgreSQL stored 12:00:00.000001 for a not_before of 12:00:00.0000005 (rounded half up)
        Instant stored = NOW.plusNanos(1000);

        assertThat(decider.decide(job(JobState.SCHEDULED, stored, 0), NOW.plusNanos(500)))
                .isEqualTo(new NextMove.Queue());
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"SUBMITTED", "SCHEDULED"}, mode = EnumSource.Mode.EXCLUDE)
    void leaves_jobs_in_every_other_state_alone(JobState state) {
        assertThat(decider.decide(job(state, null, 0), NOW)).isInstanceOf(NextMove.Leave.class);
    }

    private static Job job(JobState state, Instant notBefore, int pendingDependencies) {
        return new Job(UUID.randomUUID(), "default", "noop", Map.of(), Map.of(), state, 0, 3, null, notBefore,
                null, null, false, null, null, null, null, null, null, null, pendingDependencies, null, 0, NOW, NOW,
                null, null, null, 0, null);
    }
}
