package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements that move a batch of jobs by id must find them through the primary key whatever the planner
 * believes about the in-flight states. Statistics taken while the queue was empty (the usual state of a healthy
 * system) and a burst of jobs after them once made the claim scan the whole QUEUED index for every batch, which
 * turned a 100,000-job backlog into quadratic work; the same statistics (finished jobs hold no lease) made the
 * outcome and renewal statements, which join the batch's arrays to the table, compare every running job with every
 * job of the batch.
 */
class ByIdPlansTest {

    private static final int BURST = 5_000;
    private static JdbcClient jdbc;

    @BeforeAll
    static void statisticsFromAnEmptyQueueThenABurst() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        jdbc = JdbcClient.create(dataSource);
        insert(1_000, "SUCCEEDED", null);
        jdbc.sql("ANALYZE conveyor.job").update();
        insert(BURST, "SUBMITTED", null);
        insert(BURST, "QUEUED", null);
        insert(BURST, "RUNNING", "w");
    }

    @Test
    void the_dispatch_locks_and_moves_submitted_jobs_by_primary_key() {
        Object[] ids = ids("SUBMITTED");

        assertThat(plan(DispatchStore.LOCK_SUBMITTED, Map.of("ids", SqlArrays.of("uuid", ids))))
                .contains("job_pkey").doesNotContain("job_submitted_age");
        assertThat(plan(DispatchStore.MOVE.formatted(", queued_at = :now", "CAST(NULL AS text)"), Map.of(
                "ids", SqlArrays.of("uuid", ids), "from", "SUBMITTED", "to", "QUEUED", "now", now())))
                .contains("job_pkey").doesNotContain("job_submitted_age");
    }

    @Test
    void the_claim_finds_queued_jobs_by_primary_key() {
        assertThat(plan(ClaimStore.CLAIM, Map.of("ids", SqlArrays.of("uuid", ids("QUEUED")), "worker", "w",
                "now", now(), "leaseUntil", now())))
                .contains("job_pkey").doesNotContain("job_queued");
    }

    @Test
    void outcomes_and_lease_renewals_find_running_jobs_by_primary_key() {
        Object[] ids = ids("RUNNING");

        assertThat(outcomePlan(ids)).contains("job_pkey").doesNotContain("job_running");
        assertThat(renewalPlan(ids)).contains("job_pkey").doesNotContain("job_running");
    }

    @Test
    void outcomes_and_lease_renewals_of_a_large_batch_stay_linear_in_the_batch() {
        Object[] ids = ids("RUNNING", 500);

        assertThat(outcomePlan(ids)).satisfies(ByIdPlansTest::linearInTheBatch);
        assertThat(renewalPlan(ids)).satisfies(ByIdPlansTest::linearInTheBatch);
    }

    private static String outcomePlan(Object[] ids) {
        Object[] texts = new Object[ids.length];
        return plan(OutcomeStore.MOVE.formatted("RUNNING", "SUCCEEDED", ", finished_at = :now", "NULL", "id"), Map.of(
                "ids", SqlArrays.of("uuid", ids), "attempts", SqlArrays.of("int4", firstAttempts(ids)),
                "texts", SqlArrays.of("text", texts), "extras", SqlArrays.of("text", texts), "worker", "w",
                "now", now()));
    }

    private static String renewalPlan(Object[] ids) {
        return plan(LeaseStore.RENEW, Map.of("ids", SqlArrays.of("uuid", ids),
                "attempts", SqlArrays.of("int4", firstAttempts(ids)), "worker", "w", "leaseUntil", now()));
    }

    private static Object[] firstAttempts(Object[] ids) {
        Object[] attempts = new Object[ids.length];
        Arrays.fill(attempts, 1);
        return attempts;
    }

    /**
     * The batch is matched to its rows by a hash or an index, never by comparing each scanned row with each job of
     * the batch (a nested loop that filters a scan of the table with the join condition).
     */
    private static void linearInTheBatch(String plan) {
        assertThat(plan).doesNotContain("job_running");
        assertThat(plan.contains("Nested Loop") && plan.contains("Seq Scan on job"))
                .as("a nested loop over a scan of the whole table:%n%s", plan)
                .isFalse();
    }

    private static void insert(int count, String state, String leaseOwner) {
        jdbc.sql("""
                        INSERT INTO conveyor.job (id, type, state, attempt, lease_owner, created_at, updated_at,
                                                  queued_at, started_at)
                        SELECT gen_random_uuid(), 'noop', :state, 1, CAST(:leaseOwner AS text), now(), now(), now(), now()
                          FROM generate_series(1, :count)
                        """)
                .param("state", state)
                .param("leaseOwner", leaseOwner)
                .param("count", count)
                .update();
    }

    /**
     * A batch of the burst's jobs in one state: small enough against this small table that the primary key is the
     * cheapest way to them (a seq scan is the planner's right choice for a batch that covers much of a table).
     */
    private static Object[] ids(String state) {
        return ids(state, 50);
    }

    private static Object[] ids(String state, int count) {
        List<UUID> ids = jdbc.sql("SELECT id FROM conveyor.job WHERE state = :state LIMIT :count")
                .param("state", state)
                .param("count", count)
                .query(UUID.class)
                .list();
        return ids.toArray();
    }

    private static String plan(String sql, Map<String, ?> params) {
        return String.join("\n", jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).list());
    }

    private static Timestamp now() {
        return Timestamps.of(Instant.now());
    }
}
