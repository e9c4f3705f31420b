package dev.conveyor.store;

import java.util.Collection;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waiting for the commit of whoever moved a job. A message about a job can arrive before the commit of the
 * transaction that sent it (the scheduler queues and the lease sweep fails jobs inside the transaction that
 * publishes), and a guarded UPDATE or a plain read does not wait for a row another transaction holds.
 */
final class RowLocks {

    private RowLocks() {
    }

    /**
     * Blocks until no other transaction holds any of the job rows. Outside a transaction each lock is let go as
     * soon as the statement ends; inside one it is held to the end. Ids in order, so two waiters never deadlock.
     */
    static void awaitJobsCommitted(JdbcClient jdbc, Collection<UUID> ids) {
        jdbc.sql("SELECT id FROM conveyor.job WHERE id = ANY(:ids) ORDER BY id FOR SHARE")
                .param("ids", SqlArrays.of("uuid", new TreeSet<>(ids).toArray()))
                .query()
                // read and dropped: the rows matter only as locks waited for (a row set would copy them)
                .singleColumn();
    }
}
