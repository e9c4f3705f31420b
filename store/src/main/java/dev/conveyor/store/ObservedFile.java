package dev.conveyor.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A file as one scan saw it: its identity for a trigger.
 *
 * @param path relative to the files directory, with {@code /} separators (as load sources and export paths are
 *     written)
 * @param modifiedAt truncated to microseconds, the precision PostgreSQL keeps, so the same file compares equal
 */
public record ObservedFile(String path, long size, Instant modifiedAt) {

    public ObservedFile {
        modifiedAt = modifiedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The file name: the last segment of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
