package dev.conveyor.scheduler.recovery;

import dev.conveyor.scheduler.dispatch.Outcome;
import java.util.List;

/**
 * What one sweep did.
 *
 * @param due jobs found SCHEDULED and due, with what happened to each
 * @param lostMessage jobs found SUBMITTED for longer than the lost-message delay
 */
public record SweepReport(List<Outcome> due, List<Outcome> lostMessage) {

    public SweepReport {
        due = List.copyOf(due);
        lostMessage = List.copyOf(lostMessage);
    }

    /** Jobs this sweep moved (queued, scheduled or set waiting). */
    public List<Outcome> moved() {
        return java.util.stream.Stream.concat(due.stream(), lostMessage.stream()).filter(Outcome::moved).toList();
    }

    public boolean isEmpty() {
        return due.isEmpty() && lostMessage.isEmpty();
    }
}
