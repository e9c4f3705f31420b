package dev.conveyor.store;

import java.util.List;

/** A job as it is in the database now, with its whole history: what {@link JobAssert} checks. */
public record StoredJob(Job job, List<JobEventRecord> history) {

    public StoredJob {
        history = List.copyOf(history);
    }
}
