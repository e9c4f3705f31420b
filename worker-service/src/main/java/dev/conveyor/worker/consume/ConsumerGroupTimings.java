package dev.conveyor.worker.consume;

import java.time.Duration;

/**
 * How quickly the consumer group notices a dead worker, sized from the job heartbeat. A worker killed
 * without warning leaves its partitions assigned to it until its Kafka session times out; messages
 * queued there, and jobs the lease sweep re-sends there, wait until then. Kafka's default of 45 s is
 * longer than the default lease of 30 s, so recovered jobs waited for the session rather than the
 * lease. The session here is one job heartbeat interval (never below the broker's minimum of 6 s), so
 * the dead member leaves the group well before its leases expire, and the consumer heartbeats three
 * times per session as Kafka recommends.
 *
 * @param sessionTimeout {@code session.timeout.ms}
 * @param heartbeatInterval {@code heartbeat.interval.ms}
 */
record ConsumerGroupTimings(Duration sessionTimeout, Duration heartbeatInterval) {

    /** The broker's default {@code group.min.session.timeout.ms}: a shorter session is refused. */
    static final Duration BROKER_MINIMUM_SESSION = Duration.ofSeconds(6);

    static ConsumerGroupTimings forJobHeartbeat(Duration jobHeartbeat) {
        Duration session = jobHeartbeat.compareTo(BROKER_MINIMUM_SESSION) < 0 ? BROKER_MINIMUM_SESSION : jobHeartbeat;
        return new ConsumerGroupTimings(session, session.dividedBy(3));
    }
}
