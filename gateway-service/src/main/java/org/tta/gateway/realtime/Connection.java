package org.tta.gateway.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;

import org.tta.gateway.realtime.delivery.Delivery;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One client's live stream of a session, whatever the transport: a bounded outbound buffer fed by the
 * fan-out (live events), the resume (replayed events) and the connection's own answers.
 *
 * <p>Ordering and the resume seam: while the connection replays, live events wait in a second bounded
 * buffer; then replayed events go out, then the waiting live ones; an event at or below the last
 * offset sent is dropped, so the seam has neither gap nor duplicate (one session = one partition).
 *
 * <p>Thread-safety: every method may be called from any thread; emission is serialised on this object.
 * When a buffer is full the connection is overflowed (counted, then closed by {@code onOverflow}): it
 * never grows.
 */
public final class Connection {

    private final String id = UUID.randomUUID().toString();
    private final String sessionId;
    private final String subject;
    private final String role;
    private final String transport;
    private final int capacity;
    private final Sinks.Many<OutboundFrame> outbound;
    private final Consumer<Connection> onOverflow;
    private final Sinks.One<List<OutboundFrame>> history = Sinks.one();
    private List<Delivery> waiting = new ArrayList<>();
    private long lastOffset = -1;
    private boolean replaying;
    private boolean overflowed;

    public Connection(String sessionId, String subject, String role, String transport, int capacity,
                      boolean replaying, Consumer<Connection> onOverflow) {
        this.sessionId = sessionId;
        this.subject = subject;
        this.role = role;
        this.transport = transport;
        this.capacity = capacity;
        this.replaying = replaying;
        this.onOverflow = onOverflow;
        this.outbound = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity)); // exactly capacity
        if (!replaying) {
            history.tryEmitValue(List.of());
        }
    }

    public String id() {
        return id;
    }

    public String sessionId() {
        return sessionId;
    }

    public String subject() {
        return subject;
    }

    public String role() {
        return role;
    }

    public String transport() {
        return transport;
    }

    /**
     * The frames to write, in order; completes when the connection is finished. Subscribe once. Replayed
     * history is written at the transport's pace (it is already in memory, at most {@code max-replay}
     * events), ahead of everything sent through the bounded buffer.
     */
    public Flux<OutboundFrame> frames() {
        return history.asMono().flatMapMany(Flux::fromIterable).concatWith(outbound.asFlux());
    }

    /** A live event from the fan-out: sent now, or held until the replay is done. */
    public synchronized void deliver(Delivery delivery) {
        if (replaying) {
            if (waiting.size() >= capacity) {
                overflow();
                return;
            }
            waiting.add(delivery);
            return;
        }
        sendEvent(delivery);
    }

    /** Ends the replay: the replayed events go first, then the live ones that arrived meanwhile, each once. */
    public synchronized void replayed(List<Delivery> replayed, long sinceOffset) {
        lastOffset = Math.max(lastOffset, sinceOffset);
        List<OutboundFrame> frames = new ArrayList<>(replayed.size());
        for (Delivery delivery : replayed) {
            if (delivery.position().offset() > lastOffset) {
                lastOffset = delivery.position().offset();
                frames.add(new OutboundFrame("event", delivery.position().toString(), delivery.frame()));
            }
        }
        history.tryEmitValue(frames);
        List<Delivery> held = waiting;
        waiting = List.of();
        replaying = false;
        for (Delivery delivery : held) {
            sendEvent(delivery);
        }
    }

    /** A frame of this connection's own (ack, error, pong, presence, ...), in order with the events. */
    public synchronized void send(OutboundFrame frame) {
        emit(frame);
    }

    /** Completes the outbound stream (the transport then closes). */
    public synchronized void complete() {
        history.tryEmitValue(List.of()); // a connection closed before its replay ended: nothing more to replay
        outbound.tryEmitComplete();
    }

    public synchronized boolean isOverflowed() {
        return overflowed;
    }

    private void sendEvent(Delivery delivery) {
        long offset = delivery.position().offset();
        if (offset <= lastOffset) {
            return; // already sent: the resume seam, or a replayed event also seen live
        }
        lastOffset = offset;
        emit(new OutboundFrame("event", delivery.position().toString(), delivery.frame()));
    }

    private void emit(OutboundFrame frame) {
        if (overflowed) {
            return;
        }
        Sinks.EmitResult result = outbound.tryEmitNext(frame);
        // a full buffer reads FAIL_ZERO_SUBSCRIBER before the transport subscribed, FAIL_OVERFLOW after
        if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            overflow();
        }
    }

    private void overflow() {
        if (!overflowed) {
            overflowed = true;
            waiting = List.of();
            onOverflow.accept(this);
        }
    }
}
