package dev.conveyor.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Completion webhooks: subscriptions, written with the job or manifest, and the outbox of deliveries, which a
 * trigger fills in the transaction that makes a subscribed job or manifest final (see {@code V8__webhooks.sql}).
 * A delivery is claimed for a lease (so a sender that dies mid-call leaves it to another) and each attempt's
 * outcome is recorded guarded by the attempt number: at least once, never lost.
 */
public class WebhookOutbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    public WebhookOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Notifies {@code url} of the job's final state when it is one of {@code events}; in the job's transaction. Marks
     * the job as subscribed, which is what lets the webhook trigger skip every other job without a lookup.
     */
    public void subscribeJob(UUID jobId, String url, List<String> events) {
        jdbc.sql("""
                        WITH subscribed AS (
                            INSERT INTO conveyor.webhook_subscription (job_id, url, events) VALUES (:id, :url, :events)
                            RETURNING job_id
                        )
                        UPDATE conveyor.job SET webhook = true WHERE id = (SELECT job_id FROM subscribed)
                        """)
                .param("id", jobId)
                .param("url", url)
                .param("events", new SqlArrayValue("text", events.toArray()))
                .update();
    }

    /** As {@link #subscribeJob}, for a manifest. */
    public void subscribeManifest(UUID manifestId, String url, List<String> events) {
        jdbc.sql("INSERT INTO conveyor.webhook_subscription (manifest_id, url, events) VALUES (:id, :url, :events)")
                .param("id", manifestId)
                .param("url", url)
                .param("events", new SqlArrayValue("text", events.toArray()))
                .update();
    }

    /**
     * Claims up to {@code limit} due deliveries, oldest due first, skipping those another sender holds: each gets
     * its next attempt number and is hidden from other senders for {@code lease}. Commits on its own, so no lock is
     * held while the receiver is called.
     */
    public List<WebhookDelivery> claimDue(int limit, Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE conveyor.webhook_delivery
                           SET attempts = attempts + 1, next_attempt_at = :leaseUntil
                         WHERE id IN (SELECT id FROM conveyor.webhook_delivery
                                       WHERE state = 'PENDING' AND next_attempt_at <= :now
                                       ORDER BY next_attempt_at
                                       LIMIT :limit
                                         FOR UPDATE SKIP LOCKED)
                        RETURNING id, tenant, job_id, manifest_id, event, url, body, attempts, created_at
                        """)
                .param("now", Timestamps.of(now))
                .param("leaseUntil", Timestamps.of(now.plus(lease)))
                .param("limit", limit)
                .query((rs, n) -> new WebhookDelivery(rs.getObject("id", UUID.class), rs.getString("tenant"),
                        rs.getObject("job_id", UUID.class), rs.getObject("manifest_id", UUID.class),
                        rs.getString("event"), rs.getString("url"), rs.getString("body"), rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** The receiver answered 2xx. False when this attempt was no longer the current one (its lease ran out). */
    public boolean delivered(UUID id, int attempt, int status) {
        return jdbc.sql("""
                        UPDATE conveyor.webhook_delivery
                           SET state = 'DELIVERED', last_status = :status, last_error = NULL, finished_at = :now
                         WHERE id = :id AND attempts = :attempt AND state = 'PENDING'
                        """)
                .param("id", id)
                .param("attempt", attempt)
                .param("status", status)
                .param("now", Timestamps.of(clock.instant()))
                .update() == 1;
    }

    /**
     * The attempt failed: try again at {@code retryAt}, or, when it is null, record the delivery as failed for good.
     *
     * @param status the receiver's status, or null when there was no answer
     */
    public boolean attemptFailed(UUID id, int attempt, Integer status, String error, Instant retryAt) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE conveyor.webhook_delivery
                           SET state = :state, next_attempt_at = COALESCE(:retryAt, next_attempt_at),
                               last_status = :status, last_error = :error, finished_at = :finishedAt
                         WHERE id = :id AND attempts = :attempt AND state = 'PENDING'
                        """)
                .param("id", id)
                .param("attempt", attempt)
                .param("state", retryAt == null ? "FAILED" : "PENDING")
                .param("retryAt", Timestamps.of(retryAt))
                .param("status", status)
                .param("error", error == null || error.length() <= 500 ? error : error.substring(0, 500))
                .param("finishedAt", retryAt == null ? Timestamps.of(now) : null)
                .update() == 1;
    }
}
