package dev.conveyor.scheduler.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the scheduler.
 *
 * @param routes typed topic per job type ({@code sql}) or per tenant and type ({@code acme.sql}); a job
 *     without a route goes to {@code conveyor.jobs.<type>}. Write dotted keys in brackets in
 *     properties files ({@code conveyor.scheduler.routes[acme.sql]}) or nested in YAML.
 * @param dispatch how JobDispatched messages are produced
 * @param sweep the safety net that dispatches due and lost jobs, re-sends overdue QUEUED jobs, recovers expired
 *     leases and advances stuck manifests
 * @param retention how long finished jobs are kept
 * @param metrics how often the jobs-by-state gauge is refreshed
 * @param quotas how many jobs of one tenant may be handed to workers at once
 * @param schedules how schedules fire
 * @param webhooks how completion webhooks are delivered
 * @param triggers how file-arrival triggers scan their directories
 */
@Validated
@ConfigurationProperties("conveyor.scheduler")
public record SchedulerProperties(
        Map<String, String> routes,
        @DefaultValue @Valid @NotNull Dispatch dispatch,
        @DefaultValue @Valid @NotNull Sweep sweep,
        @DefaultValue @Valid @NotNull Retention retention,
        @DefaultValue @Valid @NotNull Metrics metrics,
        @DefaultValue @Valid @NotNull Quotas quotas,
        @DefaultValue @Valid @NotNull Schedules schedules,
        @DefaultValue @Valid @NotNull Webhooks webhooks,
        @DefaultValue @Valid @NotNull Triggers triggers) {

    public SchedulerProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }

    /**
     * @param ackTimeout how long a batch waits for Kafka to acknowledge all its messages before it is rolled back
     *     (the jobs stay where they were for a retry or the sweep); also the producer's delivery timeout
     * @param linger how long the producer waits to fill a request with more messages. None by default: a batch's
     *     messages are handed over together and share requests anyway, and any wait is added to every job's way to
     *     a worker when the system is quiet (Kafka 4's own default is 5 ms)
     */
    public record Dispatch(
            @DefaultValue("10s") @NotNull Duration ackTimeout,
            @DefaultValue("0ms") @NotNull Duration linger) {
    }

    /**
     * @param enabled run the sweep loop in the background (tests turn it off and call it on demand)
     * @param interval pause between two sweeps of one replica
     * @param lostMessageAfter how long a job may stay SUBMITTED before the sweep assumes its message was lost
     * @param requeueQueuedAfter how long a job may stay QUEUED before the sweep sends its JobDispatched again (and
     *     again after each further period); long, because a backlog keeps jobs QUEUED legitimately
     * @param batchSize jobs locked per state and sweep (due, lost, overdue QUEUED, expired leases); the rest wait for
     *     the next sweep
     * @param manifestBatchSize RUNNING manifests locked per sweep to finish or re-evaluate; each loads all its jobs,
     *     so this is smaller than the job batch
     */
    public record Sweep(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration interval,
            @DefaultValue("5s") @NotNull Duration lostMessageAfter,
            @DefaultValue("10m") @NotNull Duration requeueQueuedAfter,
            @DefaultValue("200") @Min(1) int batchSize,
            @DefaultValue("50") @Min(1) int manifestBatchSize) {
    }

    /**
     * @param finishedJobs how long SUCCEEDED, FAILED, CANCELLED and SKIPPED jobs (with their history) and finished
     *     manifests are kept after they finished; zero or negative keeps them forever
     * @param batchSize rows deleted per statement, so a long backlog is deleted in short transactions
     * @param interval how often the sweep loop runs retention
     */
    public record Retention(
            @DefaultValue("7d") @NotNull Duration finishedJobs,
            @DefaultValue("1000") @Min(1) int batchSize,
            @DefaultValue("1m") @NotNull Duration interval) {

        public boolean enabled() {
            return finishedJobs.isPositive();
        }
    }

    /** @param stateRefreshInterval a count by state scans the job table, so it runs at most this often */
    public record Metrics(@DefaultValue("15s") @NotNull Duration stateRefreshInterval) {
    }

    /**
     * A cap per tenant on its jobs handed to workers (QUEUED or RUNNING). A job over the cap is not refused: it
     * stays SUBMITTED or SCHEDULED (a released job of a manifest becomes SCHEDULED) and is queued when a job of the
     * same tenant finishes, or by the sweep.
     *
     * @param maxRunning the cap of every tenant not in {@code tenants}; 0 for none
     * @param tenants tenant -> its own cap (0 for none), e.g. {@code conveyor.scheduler.quotas.tenants.acme=20}
     */
    public record Quotas(
            @DefaultValue("0") @Min(0) int maxRunning,
            Map<String, @Min(0) Integer> tenants) {

        public Quotas {
            tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        }
    }

    /**
     * @param enabled run the firing loop in the background (tests turn it off and fire on demand)
     * @param maxSleep the longest the loop sleeps when no tick is due sooner: how late a schedule created or resumed
     *     meanwhile may be seen
     * @param missedAfter a tick older than this when it is fired counts as missed while no scheduler ran, and fires
     *     only as the schedule's catchUp says; a younger one is merely late and fires
     * @param batchSize schedules locked per transaction
     * @param maxCatchUpTicks the most missed ticks a schedule with catchUp ALL fires per round
     */
    public record Schedules(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration maxSleep,
            @DefaultValue("1m") @NotNull Duration missedAfter,
            @DefaultValue("50") @Min(1) int batchSize,
            @DefaultValue("100") @Min(1) int maxCatchUpTicks) {
    }

    /**
     * @param enabled run the delivery loop in the background (tests turn it off and deliver on demand)
     * @param interval pause between two delivery rounds when nothing was due
     * @param batchSize deliveries claimed and sent at once per round
     * @param timeout connect and response timeout of one attempt
     * @param lease how long a claimed delivery is hidden from other senders; longer than the timeout
     * @param initialBackoff wait before the second attempt, doubled for each further one
     * @param maxBackoff the longest wait between two attempts
     * @param maxAge how long after the event attempts go on before the delivery is recorded as failed
     * @param allowedSchemes URL schemes a receiver may use
     * @param allowedHosts hosts a receiver may have ({@code *.example.com} for subdomains); empty allows any public
     *     host
     * @param allowPrivateAddresses whether receivers may resolve to loopback, link-local, private or unique-local
     *     addresses
     */
    public record Webhooks(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration interval,
            @DefaultValue("100") @Min(1) int batchSize,
            @DefaultValue("10s") @NotNull Duration timeout,
            @DefaultValue("1m") @NotNull Duration lease,
            @DefaultValue("10s") @NotNull Duration initialBackoff,
            @DefaultValue("1h") @NotNull Duration maxBackoff,
            @DefaultValue("24h") @NotNull Duration maxAge,
            @DefaultValue("https,http") List<String> allowedSchemes,
            @DefaultValue List<String> allowedHosts,
            @DefaultValue("false") boolean allowPrivateAddresses) {
    }

    /**
     * @param enabled run the scanning loop in the background (tests turn it off and scan on demand)
     * @param interval pause between two scans of every active trigger's directory
     * @param stableAfter how long a file must keep its size and modification time before its work starts: two
     *     observations at least this far apart must agree, so a file still being written is not taken
     * @param batchSize files started per transaction; a scan runs as many transactions as it needs
     */
    public record Triggers(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration interval,
            @DefaultValue("2s") @NotNull Duration stableAfter,
            @DefaultValue("100") @Min(1) int batchSize) {
    }
}
