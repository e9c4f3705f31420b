package dev.conveyor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantCapsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void without_caps_nothing_is_counted_and_nothing_is_over() {
        TenantCaps caps = TenantCaps.none();

        assertThat(caps.any()).isFalse();
        assertThat(caps.overCap(List.of(job("acme"), job("acme")), Map.of("acme", 100))).isEmpty();
    }

    @Test
    void jobs_take_the_free_slots_in_order_and_the_rest_are_over() {
        TenantCaps caps = new TenantCaps(0, Map.of("acme", 3));
        Job first = job("acme");
        Job second = job("acme");
        Job third = job("acme");
        Job other = job("globex");

        // one slot of three taken already: two are free
        assertThat(caps.overCap(List.of(first, other, second, third), Map.of("acme", 1)))
                .containsExactly(third.id());
    }

    @Test
    void the_default_cap_covers_every_tenant_and_a_listed_tenant_overrides_it() {
        TenantCaps caps = new TenantCaps(1, Map.of("big", 5, "free", 0));

        assertThat(caps.capOf("never-seen")).hasValue(1);
        assertThat(caps.capOf("big")).hasValue(5);
        assertThat(caps.capOf("free")).isEmpty();
        assertThat(caps.coversEveryTenant()).isTrue();
        assertThat(caps.overCap(List.of(job("free"), job("free")), Map.of("free", 50))).isEmpty();
    }

    @Test
    void a_tenant_is_full_when_its_count_reaches_its_cap() {
        TenantCaps caps = new TenantCaps(0, Map.of("acme", 2, "globex", 2));

        assertThat(caps.full(Map.of("acme", 2, "globex", 1, "uncapped", 1000))).containsExactly("acme");
        assertThat(caps.listedWithCap()).containsExactlyInAnyOrder("acme", "globex");
    }

    private static Job job(String tenant) {
        return new Job(UUID.randomUUID(), tenant, "noop", Map.of(), Map.of(), JobState.SUBMITTED, 0, 3, null, null,
                null, null, false, null, null, null, null, null, null, null, 0, null, 0, NOW, NOW,
                null, null, null, 0, null);
    }
}
