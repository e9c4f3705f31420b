package dev.conveyor.scheduler.dispatch;

import java.time.Instant;

/** What the scheduler does with a job it looked at; decided by {@link DispatchDecider}, applied by {@link Dispatcher}. */
public sealed interface NextMove {

    /** Publish it on its typed topic now. */
    record Queue() implements NextMove {
    }

    /** Hold it until {@code notBefore}; the sweep dispatches it then. */
    record Schedule(Instant notBefore) implements NextMove {
    }

    /** Hold it until its dependencies have succeeded. */
    record Wait(int pendingDependencies) implements NextMove {
    }

    /** Nothing to do: the job is not ours to move (yet). */
    record Leave(String reason) implements NextMove {
    }
}
