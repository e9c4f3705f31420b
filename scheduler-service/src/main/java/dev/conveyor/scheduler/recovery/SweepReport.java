package dev.conveyor.scheduler.recovery;

import dev.conveyor.scheduler.dispatch.DispatchResult;
import dev.conveyor.scheduler.manifest.Advance;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one sweep did.
 *
 * @param due jobs found SCHEDULED and due, with what happened to each
 * @param lostMessage jobs found SUBMITTED for longer than the lost-message delay
 * @param overdueQueued jobs found QUEUED for longer than the requeue delay, whose JobDispatched was sent again
 * @param leaseExpired RUNNING jobs whose lease had expired, requeued or failed
 * @param manifests RUNNING manifests found finished or with ready jobs, and what advancing them changed
 */
public record SweepReport(List<DispatchResult> due, List<DispatchResult> lostMessage, List<DispatchResult> overdueQueued,
        List<LeaseSweeper.Recovered> leaseExpired, List<Advance> manifests) {

    public SweepReport {
        due = List.copyOf(due);
        lostMessage = List.copyOf(lostMessage);
        overdueQueued = List.copyOf(overdueQueued);
        leaseExpired = List.copyOf(leaseExpired);
        manifests = List.copyOf(manifests);
    }

    /** Jobs this sweep moved (queued, scheduled or set waiting) from SCHEDULED or SUBMITTED. */
    public List<DispatchResult> moved() {
        return Stream.concat(due.stream(), lostMessage.stream()).filter(DispatchResult::moved).toList();
    }

    public boolean isEmpty() {
        return due.isEmpty() && lostMessage.isEmpty() && overdueQueued.isEmpty() && leaseExpired.isEmpty()
                && manifests.isEmpty();
    }
}
