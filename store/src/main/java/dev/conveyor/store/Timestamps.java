package dev.conveyor.store;

import java.sql.Timestamp;
import java.time.Instant;

/** pgjdbc binds {@link Timestamp} to timestamptz unambiguously; an Instant it does not accept. */
final class Timestamps {

    private Timestamps() {
    }

    static Timestamp of(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
