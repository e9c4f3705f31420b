package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Instant;
import java.util.UUID;

/** One entry of a job's state history as the test kit reads it; {@code from} is null for the row that created the job. */
public record JobEventRecord(
        long id, UUID jobId, JobState from, JobState to, int attempt, String worker, String message, Instant at) {
}
