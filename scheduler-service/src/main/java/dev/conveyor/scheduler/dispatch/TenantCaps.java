package dev.conveyor.scheduler.dispatch;

import dev.conveyor.store.Job;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * Each tenant's cap on jobs handed to workers (QUEUED or RUNNING), and which of a batch's jobs fit under it. No I/O:
 * the counts come from the caller, read under the tenants' slot locks.
 *
 * @param maxRunning the cap of every tenant not in {@code tenants}; 0 for none
 * @param tenants tenant -> its own cap; 0 for none
 */
public record TenantCaps(int maxRunning, Map<String, Integer> tenants) {

    public TenantCaps {
        tenants = Map.copyOf(tenants);
    }

    public static TenantCaps none() {
        return new TenantCaps(0, Map.of());
    }

    /** Whether any tenant has a cap; without one, dispatching counts nothing. */
    public boolean any() {
        return maxRunning > 0 || tenants.values().stream().anyMatch(cap -> cap > 0);
    }

    /** Whether every tenant not listed has a cap, so a tenant never seen before has one too. */
    public boolean coversEveryTenant() {
        return maxRunning > 0;
    }

    public OptionalInt capOf(String tenant) {
        int cap = tenants.getOrDefault(tenant, maxRunning);
        return cap > 0 ? OptionalInt.of(cap) : OptionalInt.empty();
    }

    /** The tenants named with a cap of their own. */
    public Set<String> listedWithCap() {
        Set<String> listed = new HashSet<>();
        tenants.forEach((tenant, cap) -> {
            if (cap > 0) {
                listed.add(tenant);
            }
        });
        return listed;
    }

    /**
     * The ids of the jobs of {@code candidates} that do not fit: in order, each job of a capped tenant takes a slot while its
     * tenant's count ({@code handedOut}, zero when absent) is below the cap.
     */
    public Set<UUID> overCap(List<Job> candidates, Map<String, Integer> handedOut) {
        Map<String, Integer> counts = new HashMap<>(handedOut);
        Set<UUID> over = new HashSet<>();
        for (Job job : candidates) {
            OptionalInt cap = capOf(job.tenant());
            if (cap.isEmpty()) {
                continue;
            }
            int count = counts.getOrDefault(job.tenant(), 0);
            if (count < cap.getAsInt()) {
                counts.put(job.tenant(), count + 1);
            } else {
                over.add(job.id());
            }
        }
        return over;
    }

    /** The tenants among {@code handedOut} whose count has reached their cap. */
    public Set<String> full(Map<String, Integer> handedOut) {
        Set<String> full = new HashSet<>();
        handedOut.forEach((tenant, count) -> {
            OptionalInt cap = capOf(tenant);
            if (cap.isPresent() && count >= cap.getAsInt()) {
                full.add(tenant);
            }
        });
        return full;
    }
}
