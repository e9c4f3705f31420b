package dev.conveyor.frontend.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.store.CronTicks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A schedule as the API shows it: its template under {@code job} or {@code manifest}, and the next fire times
 * (none while paused).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScheduleView(
        UUID id,
        String name,
        String cron,
        String timeZone,
        JsonNode job,
        JsonNode manifest,
        String overlap,
        String catchUp,
        boolean paused,
        Map<String, String> labels,
        List<Instant> nextFireTimes,
        Instant createdAt,
        Instant updatedAt) {

    static final int NEXT_FIRE_TIMES = 5;

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    static ScheduleView of(ScheduleEntity schedule, JsonMapper mapper) {
        JsonNode template = mapper.readTree(schedule.template());
        boolean job = "JOB".equals(schedule.kind());
        return new ScheduleView(schedule.id(), schedule.name(), schedule.cron(), schedule.timeZone(),
                job ? template : null, job ? null : template, lower(schedule.overlap()), lower(schedule.catchUp()),
                schedule.paused(), mapper.readValue(schedule.labels(), LABELS), nextFireTimes(schedule),
                schedule.createdAt(), schedule.updatedAt());
    }

    private static List<Instant> nextFireTimes(ScheduleEntity schedule) {
        List<Instant> times = new ArrayList<>();
        if (schedule.paused() || schedule.nextFireAt() == null) {
            return times;
        }
        CronTicks ticks = CronTicks.of(schedule.cron(), schedule.timeZone());
        for (Instant tick = schedule.nextFireAt(); tick != null && times.size() < NEXT_FIRE_TIMES;
                tick = ticks.nextAfter(tick)) {
            times.add(tick);
        }
        return times;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
