package dev.conveyor.frontend.console;

import dev.conveyor.store.JobChangeFeed.JobChange;
import java.time.Instant;
import java.util.UUID;

/** The data of a {@code job} event on the console stream: which job moved to which state, and when. */
record JobChangeEvent(UUID id, String type, String state, UUID manifestId, Instant at) {

    static JobChangeEvent of(JobChange change) {
        return new JobChangeEvent(change.jobId(), change.type(), change.state(), change.manifestId(), change.at());
    }
}
