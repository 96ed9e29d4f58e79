package org.tta.schemas.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    private static final int MANY = 100_000;

    @Test
    void isAVersion7UuidWithTheRfcVariant() {
        UUID id = UUID.fromString(EventIds.newId());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(EventIds.newId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void carriesTheCurrentTimeInMilliseconds() {
        long before = System.currentTimeMillis();
        UUID id = EventIds.newUuid();
        long after = System.currentTimeMillis();

        assertThat(EventIds.timestampMillis(id)).isBetween(before, after);
    }

    @Test
    void idsGeneratedQuicklyAreStrictlyIncreasingAndSortAsStrings() {
        List<String> ids = new ArrayList<>(MANY);
        for (int i = 0; i < MANY; i++) {
            ids.add(EventIds.newId());
        }

        for (int i = 1; i < MANY; i++) {
            assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
            assertThat(unsigned(ids.get(i))).isGreaterThan(unsigned(ids.get(i - 1)));
        }
    }

    @Test
    void staysMonotonicWithinOneMillisecondAndWhenTheClockStepsBack() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        EventIds.Generator generator = new EventIds.Generator(clock::get, new SplittableRandom(1), 42);
        UUID first = generator.next();
        UUID sameMillisecond = generator.next();
        clock.addAndGet(-5_000);
        UUID afterStepBack = generator.next();

        assertThat(sameMillisecond.toString()).isGreaterThan(first.toString());
        assertThat(afterStepBack.toString()).isGreaterThan(sameMillisecond.toString());
        assertThat(EventIds.timestampMillis(afterStepBack)).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void borrowsTheNextMillisecondWhenTheCounterRunsOut() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        // A 3-bit counter seeded as high as allowed (0b011) runs out after four more ids.
        EventIds.Generator generator = new EventIds.Generator(clock::get, new AllOnes(), 3);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(generator.next());
        }

        assertThat(ids).extracting(UUID::toString).isSorted().doesNotHaveDuplicates();
        assertThat(ids).extracting(EventIds::timestampMillis)
                .containsExactly(1_700_000_000_000L, 1_700_000_000_000L, 1_700_000_000_000L, 1_700_000_000_000L,
                        1_700_000_000_000L, 1_700_000_000_001L);
    }

    @Test
    void idsFromManyThreadsAreUnique() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<List<String>> perThread = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<String> ids = new ArrayList<>();
            perThread.add(ids);
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    ids.add(EventIds.newId());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(perThread.stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(40_000);
        perThread.forEach(ids -> assertThat(ids).isSorted());
    }

    private static BigInteger unsigned(String uuid) {
        return new BigInteger(uuid.replace("-", ""), 16);
    }

    /** Returns all one bits, so that the counter starts as high as the generator allows. */
    private static final class AllOnes implements RandomGenerator {
        @Override
        public long nextLong() {
            return -1L;
        }
    }
}
