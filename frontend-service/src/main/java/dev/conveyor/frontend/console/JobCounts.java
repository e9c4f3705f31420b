package dev.conveyor.frontend.console;

import java.util.Map;

/** A tenant's jobs by state, every state present (zero when it has none), and their total. */
record JobCounts(Map<String, Long> states, long total) {
}
