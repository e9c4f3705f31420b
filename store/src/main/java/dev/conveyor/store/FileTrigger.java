package dev.conveyor.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored file-arrival trigger.
 *
 * @param watchPath the watched directory, relative to the files directory
 * @param glob which file names in it start work ({@code *.csv}); matched against the name only
 * @param template what each new file starts: the body of {@code POST /api/v1/jobs} ({@link Schedule.Kind#JOB}) or
 *     of {@code POST /api/v1/manifests} ({@link Schedule.Kind#MANIFEST}), checked when the trigger was created; its
 *     string params may hold {@code ${trigger.path}}, {@code ${trigger.name}} and {@code ${trigger.size}}
 */
public record FileTrigger(
        UUID id,
        String tenant,
        String name,
        String watchPath,
        String glob,
        Schedule.Kind kind,
        Map<String, Object> template,
        boolean paused,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
