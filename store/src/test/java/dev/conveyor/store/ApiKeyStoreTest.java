package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class ApiKeyStoreTest {

    // PostgreSQL keeps microseconds (and rounds the rest), so the clock ticks in whole microseconds
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    private final ApiKeyStore keys = new ApiKeyStore(JdbcClient.create(MigratedDatabase.create()), clock);

    @Test
    void finds_a_key_by_its_hash_with_its_tenant_and_roles() {
        ApiKey created = keys.create("loader", "acme", Set.of("submit", "read"), new byte[] {1, 2, 3}, null);

        ApiKey found = keys.findByHash(new byte[] {1, 2, 3}).orElseThrow();

        assertThat(found.id()).isEqualTo(created.id());
        assertThat(found.tenant()).isEqualTo("acme");
        assertThat(found.roles()).containsExactlyInAnyOrder("submit", "read");
        assertThat(found.isActive(clock.instant())).isTrue();
        assertThat(keys.findByHash(new byte[] {1, 2, 4})).isEmpty();
    }

    @Test
    void a_revoked_or_expired_key_is_no_longer_active() {
        ApiKey expiring = keys.create("short", "acme", Set.of("read"), new byte[] {5}, clock.instant().plusSeconds(60));
        ApiKey revoked = keys.create("gone", "acme", Set.of("read"), new byte[] {6}, null);

        assertThat(keys.revoke(revoked.id())).isTrue();
        assertThat(keys.revoke(revoked.id())).as("revoked once").isFalse();
        clock.advance(Duration.ofSeconds(61));

        assertThat(keys.find(revoked.id()).orElseThrow().isActive(clock.instant())).isFalse();
        assertThat(keys.find(expiring.id()).orElseThrow().isActive(clock.instant())).isFalse();
    }

    @Test
    void records_a_use_at_most_once_per_resolution() {
        ApiKey key = keys.create("busy", "acme", Set.of("read"), new byte[] {7}, null);
        Duration resolution = Duration.ofMinutes(1);

        assertThat(keys.recordUse(key.id(), resolution)).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(keys.recordUse(key.id(), resolution)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys.recordUse(key.id(), resolution)).isTrue();
        assertThat(keys.find(key.id()).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());
    }
}
