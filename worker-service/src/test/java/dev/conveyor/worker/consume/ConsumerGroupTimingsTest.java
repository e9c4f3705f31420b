package dev.conveyor.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsumerGroupTimingsTest {

    @Test
    void the_session_is_one_job_heartbeat_so_a_dead_member_leaves_before_its_leases_expire() {
        ConsumerGroupTimings timings = ConsumerGroupTimings.forJobHeartbeat(Duration.ofSeconds(10));

        assertThat(timings.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timings.heartbeatInterval()).isLessThanOrEqualTo(Duration.ofMillis(3334));
    }

    @Test
    void the_session_never_goes_below_the_brokers_minimum() {
        ConsumerGroupTimings timings = ConsumerGroupTimings.forJobHeartbeat(Duration.ofSeconds(1));

        assertThat(timings.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(timings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
    }
}
