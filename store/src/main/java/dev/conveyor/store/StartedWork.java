package dev.conveyor.store;

import java.util.List;
import java.util.UUID;

/**
 * What a schedule's firing or a trigger's file stored: a job or a manifest.
 *
 * @param submitted the jobs that start SUBMITTED, to announce after the commit
 */
public record StartedWork(UUID jobId, UUID manifestId, List<NewJob> submitted) {
}
