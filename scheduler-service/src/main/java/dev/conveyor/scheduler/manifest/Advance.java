package dev.conveyor.scheduler.manifest;

import dev.conveyor.common.manifest.ManifestState;
import java.util.List;
import java.util.UUID;

/**
 * What one advancement of a manifest changed.
 *
 * @param dispatched jobs released to the dispatcher (queued, or scheduled when not due yet)
 * @param skipped jobs skipped because something upstream failed or was cancelled
 * @param failed jobs failed without running (an unresolvable reference, no valid topic)
 * @param finished the state the manifest finished in by this advancement, or null
 */
public record Advance(UUID manifestId, List<UUID> dispatched, List<UUID> skipped, List<UUID> failed,
        ManifestState finished) {

    public Advance {
        dispatched = List.copyOf(dispatched);
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
    }

    static Advance nothing(UUID manifestId) {
        return new Advance(manifestId, List.of(), List.of(), List.of(), null);
    }

    public boolean changedSomething() {
        return !dispatched.isEmpty() || !skipped.isEmpty() || !failed.isEmpty() || finished != null;
    }
}
