package org.tta.gateway.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Fire-and-forget Redis writes (a presence leave, a connection slot given back) that shutdown waits
 * for. Such writes start when a connection ends, and at shutdown every connection ends at once, while
 * the Redis connection factory stops soon after (lifecycle phase 0): without the wait they failed by
 * the thousand (1,329 warnings at the end of a 3,000-socket benchmark) and the state they were to
 * remove lingered in Redis until it expired. Once draining, a failure is logged at debug only.
 */
public final class InFlightWrites {

    /** Longest a shutdown waits for the writes under way. */
    public static final Duration DRAIN = Duration.ofSeconds(5);

    /**
     * The lifecycle phase of a component that drains such writes: after the web server's stop
     * (DEFAULT_PHASE - 2048, so no connection starts or ends any more), before the fan-out's (- 4096) and
     * the Redis connection factory's (0).
     */
    public static final int SHUTDOWN_PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    private final AtomicInteger pending = new AtomicInteger();
    private final Logger log;
    private volatile boolean draining;

    public InFlightWrites(Logger log) {
        this.log = log;
    }

    /**
     * Subscribes to the write now. {@code failure} is the log message: a {} for each of {@code args}, then
     * one for the error.
     */
    public void run(Mono<?> write, String failure, Object... args) {
        pending.incrementAndGet();
        write.doFinally(signal -> pending.decrementAndGet())
                .subscribe(null, e -> {
                    Object[] all = Arrays.copyOf(args, args.length + 1);
                    all[args.length] = e.getClass().getName(); // the class only: a message may carry keys or values
                    if (draining) {
                        log.debug(failure, all);
                    } else {
                        log.warn(failure, all);
                    }
                });
    }

    /** Writes not finished yet. */
    public int pending() {
        return pending.get();
    }

    /**
     * Waits until every write started so far has finished, at most {@code limit}; true when none is left.
     * Blocks: call it only from a lifecycle stop (the shutdown thread), never on an event loop.
     */
    public boolean drain(Duration limit) {
        draining = true;
        long deadline = System.nanoTime() + limit.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return pending.get() == 0;
    }
}
