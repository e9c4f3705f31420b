package dev.conveyor.common.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void ids_are_version_7_with_the_rfc_variant_and_carry_their_millisecond() {
        Instant at = Instant.parse("2026-12-02T08:00:00.123Z");
        UUID id = new TimeOrderedIds(Clock.fixed(at, ZoneOffset.UTC)).nextId();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
    }

    @Test
    void ids_from_one_generator_increase_even_within_one_millisecond() {
        TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC));
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.nextId());
        }

        // compared as PostgreSQL compares uuid: unsigned bytes, most significant first
        for (int i = 1; i < made.size(); i++) {
            assertThat(made.get(i).toString()).isGreaterThan(made.get(i - 1).toString());
        }
    }
}
