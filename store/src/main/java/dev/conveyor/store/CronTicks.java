package dev.conveyor.store;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;

/**
 * The ticks of a schedule: a Spring {@link CronExpression} (six fields, seconds first) read in a time zone, so
 * daylight saving time is the library's business: a wall-clock time that does not exist on a spring-forward day
 * does not fire that day, and one that exists twice on a fall-back day fires at both instants (an hour apart).
 */
public final class CronTicks {

    /** The most ticks looked at when finding the latest missed one, so a long outage costs bounded work. */
    static final int MAX_SCAN = 100_000;

    private final CronExpression cron;
    private final ZoneId zone;

    private CronTicks(CronExpression cron, ZoneId zone) {
        this.cron = cron;
        this.zone = zone;
    }

    /** @throws IllegalArgumentException naming what is wrong with the expression or the zone */
    public static CronTicks of(String expression, String timeZone) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + timeZone + "'");
        }
        return new CronTicks(CronExpression.parse(expression), zone);
    }

    /** The first tick strictly after {@code instant}, or null when the expression never fires again. */
    public Instant nextAfter(Instant instant) {
        ZonedDateTime next = cron.next(instant.atZone(zone));
        return next == null ? null : next.toInstant();
    }

    /**
     * Which ticks fire now and which tick is next, given the first tick not yet fired.
     *
     * @param firstUnfired the schedule's {@code next_fire_at}: a tick at or before {@code now}
     * @param missedAfter a tick older than this counts as missed (the scheduler was down) rather than late
     * @param maxTicks the most ticks {@link Schedule.CatchUp#ALL} fires at once; the rest fire on the next round
     */
    public Plan plan(Instant firstUnfired, Instant now, Schedule.CatchUp catchUp, Duration missedAfter, int maxTicks) {
        if (catchUp == Schedule.CatchUp.ALL) {
            List<Instant> ticks = new ArrayList<>();
            Instant tick = firstUnfired;
            while (tick != null && !tick.isAfter(now) && ticks.size() < maxTicks) {
                ticks.add(tick);
                tick = nextAfter(tick);
            }
            return new Plan(ticks, tick);
        }
        Instant latest = firstUnfired;
        Instant next = nextAfter(firstUnfired);
        for (int scanned = 0; next != null && !next.isAfter(now) && scanned < MAX_SCAN; scanned++) {
            latest = next;
            next = nextAfter(next);
        }
        if (next != null && !next.isAfter(now)) {
            // beyond the scan: the latest tick is long past; start again from now
            next = nextAfter(now);
            latest = null;
        }
        boolean missed = latest == null || Duration.between(latest, now).compareTo(missedAfter) > 0;
        if (catchUp == Schedule.CatchUp.NONE && missed) {
            return new Plan(List.of(), next);
        }
        return new Plan(latest == null ? List.of() : List.of(latest), next);
    }

    /**
     * @param ticks the ticks to fire now, oldest first
     * @param next the schedule's next {@code next_fire_at}, or null when the expression never fires again
     */
    public record Plan(List<Instant> ticks, Instant next) {
    }
}
