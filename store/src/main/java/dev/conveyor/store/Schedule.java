package dev.conveyor.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored schedule.
 *
 * @param template what each tick starts: the body of {@code POST /api/v1/jobs} ({@link Kind#JOB}) or of
 *     {@code POST /api/v1/manifests} ({@link Kind#MANIFEST}), checked when the schedule was created
 * @param nextFireAt the next tick still to fire; null when the expression never fires again
 */
public record Schedule(
        UUID id,
        String tenant,
        String name,
        String cron,
        String timeZone,
        Kind kind,
        Map<String, Object> template,
        Overlap overlap,
        CatchUp catchUp,
        boolean paused,
        Map<String, String> labels,
        Instant nextFireAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** What a tick starts. */
    public enum Kind {
        JOB, MANIFEST
    }

    /** What a tick does while the previous tick's job or manifest has not finished. */
    public enum Overlap {
        /** Start nothing; the firing is recorded as skipped. */
        SKIP,
        /** Start another one anyway. */
        ALLOW,
        /** Cancel the previous one, then start. */
        CANCEL_PREVIOUS
    }

    /** Which of the ticks missed while no scheduler ran fire once one runs again. */
    public enum CatchUp {
        /** None of them. */
        NONE,
        /** The latest one, once. */
        ONE,
        /** Every one, oldest first. */
        ALL
    }

    public CronTicks ticks() {
        return CronTicks.of(cron, timeZone);
    }
}
