package org.tta.schemas.cloudevents;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Event ids: UUIDv7 (RFC 9562), so ids sort by creation time as numbers and as strings.
 * Within one JVM every id is greater than the one before, even within a millisecond and when
 * the wall clock steps back. Thread-safe.
 */
public final class EventIds {

    private static final Generator GENERATOR = new Generator(System::currentTimeMillis, new SecureRandom(), 42);

    private EventIds() {
    }

    /** A new id in the canonical lower-case form, e.g. {@code 0190f1f4-3b1a-7c3e-8a2b-5d9e0c1f2a3b}. */
    public static String newId() {
        return GENERATOR.next().toString();
    }

    /** A new id as a {@link UUID}. */
    public static UUID newUuid() {
        return GENERATOR.next();
    }

    /** The Unix time in milliseconds encoded in a UUIDv7. */
    public static long timestampMillis(UUID uuidV7) {
        return uuidV7.getMostSignificantBits() >>> 16;
    }

    /**
     * RFC 9562 method 1 (fixed-length dedicated counter): the 12 bits of rand_a and the top 30
     * bits of rand_b form a 42-bit counter, seeded at random with its top bit clear each new
     * millisecond and incremented within it; the last 32 bits are fresh random.
     */
    static final class Generator {

        private static final long LOW_COUNTER_MASK = (1L << 30) - 1;

        private final LongSupplier clock;
        private final RandomGenerator random;
        private final long counterMax;
        private final ReentrantLock lock = new ReentrantLock();
        private long lastMillis = Long.MIN_VALUE;
        private long counter;

        /** {@code counterBits} is 42 in production; tests shrink it to reach the overflow path. */
        Generator(LongSupplier clock, RandomGenerator random, int counterBits) {
            if (counterBits < 2 || counterBits > 42) {
                throw new IllegalArgumentException("counterBits must be 2..42");
            }
            this.clock = clock;
            this.random = random;
            this.counterMax = (1L << counterBits) - 1;
        }

        UUID next() {
            long tail = random.nextInt() & 0xFFFF_FFFFL;
            long millis;
            long count;
            lock.lock();
            try {
                long now = clock.getAsLong();
                if (now > lastMillis) {
                    lastMillis = now;
                    counter = seed();
                } else if (counter < counterMax) {
                    // Same millisecond, or the clock stepped back: keep counting on the last timestamp.
                    counter++;
                } else {
                    // Counter exhausted: borrow the next millisecond, as RFC 9562 section 6.2 allows.
                    lastMillis++;
                    counter = seed();
                }
                millis = lastMillis;
                count = counter;
            } finally {
                lock.unlock();
            }
            long msb = (millis << 16) | (0x7L << 12) | (count >>> 30);
            long lsb = (0b10L << 62) | ((count & LOW_COUNTER_MASK) << 32) | tail;
            return new UUID(msb, lsb);
        }

        // Top bit clear leaves at least 2^41 increments before the counter can run out.
        private long seed() {
            return random.nextLong() & (counterMax >>> 1);
        }
    }
}
