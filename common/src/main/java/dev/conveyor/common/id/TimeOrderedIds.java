package dev.conveyor.common.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort later, so
 * new rows land at the right edge of the primary-key index instead of on random pages, which keeps
 * inserts cheap however large the job table grows.
 *
 * <p>Within one millisecond the 12-bit {@code rand_a} field counts up (method 1 of RFC 9562, section
 * 6.2), so ids from one generator are strictly increasing; other generators interleave, which is fine.
 */
public final class TimeOrderedIds {

    private static final TimeOrderedIds SYSTEM = new TimeOrderedIds(Clock.systemUTC());

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis;
    private int sequence;

    public TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    /** A generator on the system clock, shared by the whole process. */
    public static UUID next() {
        return SYSTEM.nextId();
    }

    public UUID nextId() {
        long millis;
        int counter;
        synchronized (this) {
            millis = Math.max(clock.millis(), lastMillis);
            if (millis == lastMillis) {
                sequence++;
                if (sequence > 0xFFF) {
                    // 4,096 ids in one millisecond: borrow the next millisecond rather than repeat
                    millis++;
                    sequence = 0;
                }
            } else {
                sequence = random.nextInt(0x800);
            }
            lastMillis = millis;
            counter = sequence;
        }
        long most = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
        long least = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}
