package dev.conveyor.worker.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How one worker consumes and runs jobs.
 *
 * @param id identifies this worker in leases and history; blank means hostname plus a random suffix
 * @param topics the typed topics to consume; empty means {@code conveyor.jobs.<type>} for every handler
 * @param group the consumer group: one group per worker pool, so each job is delivered to one pool
 * @param concurrency how many jobs run at once, each on a virtual thread; high, because jobs mostly wait
 *        on the warehouse (whose connection pool bounds the real warehouse concurrency, jobs queueing for
 *        its connections in turn), and because more slots let the intake claim and the outcomes be written
 *        in larger batches; the intake pauses when all slots are busy
 * @param maxPollRecords records fetched per poll; the intake takes as many as it has free slots and
 *        leaves the rest on the topic
 * @param outcomeWriters threads writing outcome batches: one batch waits for its commit while the next is
 *        sent
 * @param publishStarted whether to publish {@code JobStarted} when an attempt starts; nothing in
 *        Conveyor consumes it, so it is off unless something of yours does
 * @param heartbeatInterval how often running jobs renew their lease (the lease is three intervals)
 * @param drainTimeout how long a shutdown waits for running jobs
 */
@Validated
@ConfigurationProperties("conveyor.worker")
public record WorkerProperties(
        String id,
        @DefaultValue List<String> topics,
        @DefaultValue("conveyor-workers") @NotBlank String group,
        @DefaultValue("1024") @Min(1) int concurrency,
        @DefaultValue("1000") @Min(1) int maxPollRecords,
        @DefaultValue("2") @Min(1) int outcomeWriters,
        @DefaultValue("false") boolean publishStarted,
        @DefaultValue("10s") @NotNull Duration heartbeatInterval,
        @DefaultValue("5m") @NotNull Duration drainTimeout,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Sql sql) {

    /** Backoff between attempts: {@code initialBackoff * multiplier^(attempt-1)}, jittered, at most {@code maxBackoff}. */
    public record Retry(
            @DefaultValue("1s") @NotNull Duration initialBackoff,
            @DefaultValue("2") @DecimalMin("1.0") double multiplier,
            @DefaultValue("5m") @NotNull Duration maxBackoff) {
    }

    /** @param maxResultRows rows of a SELECT kept in the job result; results are small by design */
    public record Sql(@DefaultValue("100") @Min(0) int maxResultRows) {
    }

    /** The lease a claim or heartbeat takes: three missed heartbeats before another worker may take over. */
    public Duration lease() {
        return heartbeatInterval.multipliedBy(3);
    }

    public String workerId() {
        if (id != null && !id.isBlank()) {
            return id;
        }
        return DefaultWorkerId.VALUE;
    }

    private static final class DefaultWorkerId {
        // computed once, so every bean sees the same id for this process
        static final String VALUE = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);

        private static String hostname() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "worker";
            }
        }
    }
}
