package org.tta.safety.stream;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The Kafka timestamp of the worker's output records, chosen so that the broker accepts it whatever the worker's
 * clock says. A broker refuses a CreateTime more than {@code message.timestamp.after.max.ms} (1 hour by default in
 * Kafka 4) ahead of its own clock, and under exactly-once a refused record fails the stream thread: stamping with
 * the worker's clock would let a worker running an hour fast stop publishing escalations.
 * <p>
 * An input record's timestamp was accepted by the broker when it was written; the outputs of that input carry it.
 * Outputs of no input (the deadline punctuator) carry the newest input timestamp advanced by the monotonic time
 * elapsed since it was seen here, which stays within the bound the broker checked it against, since the broker's
 * clock has advanced at least as much. The event payloads keep the worker's clock (deadlines, display): only the
 * record timestamp follows the broker-accepted time. Not thread-safe: one per stream task.
 */
final class RecordTime {

    /** No input timestamp seen yet. */
    static final long UNKNOWN = -1L;

    private final LongSupplier nanoTime;
    private long newest = UNKNOWN;
    private long seenAtNanos;

    RecordTime() {
        this(System::nanoTime);
    }

    RecordTime(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Notes the timestamp of an input record (accepted by the broker) and returns it, for that input's outputs. */
    long ofInput(long timestamp) {
        if (timestamp > newest) {
            newest = timestamp;
            seenAtNanos = nanoTime.getAsLong();
        }
        return timestamp;
    }

    /**
     * The timestamp for an output of no input: the newest input timestamp plus the time elapsed since it was seen. Before
     * any input (a task restored after a restart), {@code streamTime} (the task's newest input timestamp, restored from
     * its committed offsets; negative when unknown) counts as seen now; with neither, {@code fallback}.
     */
    long ofNoInput(long streamTime, long fallback) {
        if (newest == UNKNOWN && streamTime >= 0) {
            ofInput(streamTime);
        }
        if (newest == UNKNOWN) {
            return fallback;
        }
        return newest + TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - seenAtNanos);
    }
}
