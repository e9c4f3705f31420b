package dev.conveyor.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a tenant's cap on jobs handed to workers is counted from: its QUEUED and RUNNING jobs. A cap is exact only
 * when two dispatching transactions cannot both count the same free slot, so each first takes the tenant's slot
 * lock, a transaction-scoped advisory lock held until it commits: the second one then counts the first one's moves.
 */
public class TenantSlotStore {

    private final JdbcClient jdbc;

    public TenantSlotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the slot lock of each tenant, waiting for a transaction that holds one, in name order so two batches
     * never wait for each other in a cycle. Call inside a transaction; taking a lock held already is a no-op.
     */
    public void lockSlots(Collection<String> tenants) {
        for (String tenant : new TreeSet<>(tenants)) {
            // a key of its own namespace, so no other advisory lock on this database collides with it by accident
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('conveyor.tenant-slots:' || :tenant, 0))")
                    .param("tenant", tenant)
                    .query()
                    .singleColumn();
        }
    }

    /** QUEUED and RUNNING jobs of each of {@code tenants}; a tenant with none is absent. */
    public Map<String, Integer> countHandedOut(Collection<String> tenants) {
        if (tenants.isEmpty()) {
            return Map.of();
        }
        return counts(jdbc.sql("""
                        SELECT tenant, count(*) AS jobs FROM conveyor.job
                         WHERE tenant = ANY(:tenants) AND state IN ('QUEUED', 'RUNNING')
                         GROUP BY tenant
                        """)
                .param("tenants", SqlArrays.of("text", tenants.toArray())));
    }

    /**
     * QUEUED and RUNNING jobs of every tenant that has any: for a cap that applies to all tenants. Reads the
     * partial indexes of QUEUED and RUNNING rows only.
     */
    public Map<String, Integer> countHandedOutByTenant() {
        return counts(jdbc.sql("""
                SELECT tenant, count(*) AS jobs FROM conveyor.job
                 WHERE state IN ('QUEUED', 'RUNNING')
                 GROUP BY tenant
                """));
    }

    private static Map<String, Integer> counts(JdbcClient.StatementSpec statement) {
        Map<String, Integer> counts = new HashMap<>();
        List<Map<String, Object>> rows = statement.query().listOfRows();
        rows.forEach(row -> counts.put((String) row.get("tenant"), ((Number) row.get("jobs")).intValue()));
        return counts;
    }
}
