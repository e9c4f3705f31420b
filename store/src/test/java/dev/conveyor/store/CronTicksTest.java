package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronTicksTest {

    private static final Duration MISSED_AFTER = Duration.ofMinutes(1);

    @Test
    void reads_the_expression_in_its_time_zone() {
        CronTicks nineInNewYork = CronTicks.of("0 0 9 * * *", "America/New_York");

        // winter: UTC-5; summer: UTC-4
        assertThat(nineInNewYork.nextAfter(Instant.parse("2026-01-15T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-15T14:00:00Z"));
        assertThat(nineInNewYork.nextAfter(Instant.parse("2026-07-15T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-15T13:00:00Z"));
        assertThat(CronTicks.of("0 0 9 * * *", "UTC").nextAfter(Instant.parse("2026-07-15T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-15T09:00:00Z"));
    }

    @Test
    void a_wall_clock_time_skipped_by_spring_forward_does_not_fire_that_day() {
        // Europe/Berlin skips 02:00-03:00 local on 2026-03-29 (01:00Z)
        CronTicks halfPastTwo = CronTicks.of("0 30 2 * * *", "Europe/Berlin");

        List<Instant> ticks = ticks(halfPastTwo, Instant.parse("2026-03-27T12:00:00Z"), 4);

        assertThat(ticks).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"),  // 02:30 CET
                // no 02:30 exists on 2026-03-29: no tick that day
                Instant.parse("2026-03-30T00:30:00Z"),  // 02:30 CEST
                Instant.parse("2026-03-31T00:30:00Z"),
                Instant.parse("2026-04-01T00:30:00Z"));
    }

    @Test
    void a_wall_clock_time_repeated_by_fall_back_fires_at_both_instants() {
        // Europe/Berlin repeats 02:00-03:00 local on 2026-10-25 (00:00Z-02:00Z)
        CronTicks halfPastTwo = CronTicks.of("0 30 2 * * *", "Europe/Berlin");

        List<Instant> ticks = ticks(halfPastTwo, Instant.parse("2026-10-24T12:00:00Z"), 3);

        assertThat(ticks).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"),  // 02:30 CEST
                Instant.parse("2026-10-25T01:30:00Z"),  // 02:30 again, now CET: a real hour later
                Instant.parse("2026-10-26T01:30:00Z")); // 02:30 CET
    }

    @Test
    void an_hourly_schedule_keeps_real_hours_across_fall_back() {
        CronTicks hourly = CronTicks.of("0 0 * * * *", "Europe/Berlin");

        List<Instant> ticks = ticks(hourly, Instant.parse("2026-10-24T23:30:00Z"), 4);

        assertThat(ticks).containsExactly(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
                Instant.parse("2026-10-25T02:00:00Z"), Instant.parse("2026-10-25T03:00:00Z"));
    }

    @Test
    void catch_up_one_fires_only_the_latest_missed_tick() {
        CronTicks everyTwoSeconds = CronTicks.of("*/2 * * * * *", "UTC");
        Instant first = Instant.parse("2026-05-01T10:00:00Z");
        Instant now = first.plus(Duration.ofMinutes(10)).plusMillis(500);

        CronTicks.Plan plan = everyTwoSeconds.plan(first, now, Schedule.CatchUp.ONE, MISSED_AFTER, 100);

        assertThat(plan.ticks()).containsExactly(Instant.parse("2026-05-01T10:10:00Z"));
        assertThat(plan.next()).isEqualTo(Instant.parse("2026-05-01T10:10:02Z"));
    }

    @Test
    void catch_up_none_fires_nothing_missed_but_a_tick_that_is_merely_late() {
        CronTicks everyTwoSeconds = CronTicks.of("*/2 * * * * *", "UTC");
        Instant first = Instant.parse("2026-05-01T10:00:00Z");

        CronTicks.Plan afterDowntime = everyTwoSeconds.plan(first, first.plus(Duration.ofMinutes(10)).plusMillis(500),
                Schedule.CatchUp.NONE, Duration.ofMillis(100), 100);
        CronTicks.Plan late = everyTwoSeconds.plan(first, first.plusMillis(50), Schedule.CatchUp.NONE,
                Duration.ofMillis(100), 100);

        assertThat(afterDowntime.ticks()).isEmpty();
        assertThat(afterDowntime.next()).isEqualTo(Instant.parse("2026-05-01T10:10:02Z"));
        assertThat(late.ticks()).containsExactly(first);
        assertThat(late.next()).isEqualTo(first.plusSeconds(2));
    }

    @Test
    void catch_up_all_fires_every_missed_tick_oldest_first_a_bounded_number_per_round() {
        CronTicks everyTwoSeconds = CronTicks.of("*/2 * * * * *", "UTC");
        Instant first = Instant.parse("2026-05-01T10:00:00Z");
        Instant now = first.plusSeconds(9);

        CronTicks.Plan all = everyTwoSeconds.plan(first, now, Schedule.CatchUp.ALL, MISSED_AFTER, 100);
        CronTicks.Plan bounded = everyTwoSeconds.plan(first, now, Schedule.CatchUp.ALL, MISSED_AFTER, 2);

        assertThat(all.ticks()).containsExactly(first, first.plusSeconds(2), first.plusSeconds(4), first.plusSeconds(6),
                first.plusSeconds(8));
        assertThat(all.next()).isEqualTo(first.plusSeconds(10));
        assertThat(bounded.ticks()).containsExactly(first, first.plusSeconds(2));
        assertThat(bounded.next()).isEqualTo(first.plusSeconds(4));
    }

    @Test
    void refuses_an_expression_without_seconds_and_an_unknown_zone() {
        assertThatThrownBy(() -> CronTicks.of("0 9 * * *", "UTC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronTicks.of("0 0 9 * * *", "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mars/Olympus");
    }

    private static List<Instant> ticks(CronTicks ticks, Instant after, int count) {
        List<Instant> found = new ArrayList<>();
        for (Instant tick = ticks.nextAfter(after); found.size() < count; tick = ticks.nextAfter(tick)) {
            found.add(tick);
        }
        return found;
    }
}
