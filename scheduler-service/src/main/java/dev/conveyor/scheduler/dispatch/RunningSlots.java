package dev.conveyor.scheduler.dispatch;

import dev.conveyor.store.Job;
import dev.conveyor.store.TenantSlotStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;

/**
 * The tenants' caps applied to the database: which jobs about to be queued have no free slot, counted under the
 * tenants' slot locks so two replicas never hand out the same slot. With no cap configured it reads nothing.
 */
public class RunningSlots {

    private final TenantSlotStore store;
    private final TenantCaps caps;

    public RunningSlots(TenantSlotStore store, TenantCaps caps) {
        this.store = store;
        this.caps = caps;
    }

    /**
     * The ids of the jobs of {@code toQueue} over their tenant's cap. Takes the slot locks of their capped tenants, held until
     * the caller's transaction commits, so the count includes every move committed before and none can slip in
     * between.
     */
    Set<UUID> overCap(List<Job> toQueue) {
        if (!caps.any() || toQueue.isEmpty()) {
            return Set.of();
        }
        Set<String> capped = new TreeSet<>();
        toQueue.stream().map(Job::tenant).filter(tenant -> caps.capOf(tenant).isPresent()).forEach(capped::add);
        if (capped.isEmpty()) {
            return Set.of();
        }
        store.lockSlots(capped);
        return caps.overCap(toQueue, store.countHandedOut(capped));
    }

    /** Free slots of one tenant right now, under its slot lock; {@link Integer#MAX_VALUE} without a cap. */
    int free(String tenant) {
        var cap = caps.capOf(tenant);
        if (cap.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        store.lockSlots(List.of(tenant));
        return Math.max(0, cap.getAsInt() - store.countHandedOut(List.of(tenant)).getOrDefault(tenant, 0));
    }

    boolean capped(String tenant) {
        return caps.capOf(tenant).isPresent();
    }

    /**
     * Tenants without a free slot, read without locks: the sweep leaves their due jobs out of its batches, so a
     * long backlog of one capped tenant cannot fill every batch. A stale answer costs one sweep period at most.
     */
    public Set<String> full() {
        if (!caps.any()) {
            return Set.of();
        }
        Map<String, Integer> counts = caps.coversEveryTenant()
                ? store.countHandedOutByTenant()
                : store.countHandedOut(caps.listedWithCap());
        return caps.full(counts);
    }
}
