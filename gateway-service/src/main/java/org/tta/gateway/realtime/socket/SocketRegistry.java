package org.tta.gateway.realtime.socket;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.tta.gateway.realtime.CloseCodes;
import org.tta.gateway.realtime.RealtimeProperties;
import org.tta.gateway.realtime.SessionHub;
import org.tta.gateway.realtime.socket.SessionSocketHandler.SocketContext;

/**
 * The open sockets, for graceful shutdown: before the web server stops, every socket waits (at most
 * {@code shutdown-grace}) for its in-flight message frames to be acknowledged, then is closed with
 * 1001 going away, so clients reconnect elsewhere and resume. SSE streams are completed the same way.
 */
final class SocketRegistry implements SmartLifecycle {

    private final Set<SocketContext> sockets = ConcurrentHashMap.newKeySet();
    private final SessionHub hub;
    private final RealtimeProperties properties;
    private volatile boolean running;

    SocketRegistry(SessionHub hub, RealtimeProperties properties) {
        this.hub = hub;
        this.properties = properties;
    }

    void add(SocketContext context) {
        sockets.add(context);
    }

    void remove(SocketContext context) {
        sockets.remove(context);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + properties.shutdownGrace().toNanos();
        while (sockets.stream().anyMatch(s -> s.inFlight.get() > 0) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(Duration.ofMillis(20)); // shutdown thread, never an event loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sockets.forEach(socket -> socket.close(CloseCodes.GOING_AWAY, "going away", true));
        hub.all().stream().filter(c -> !SessionSocketHandler.TRANSPORT.equals(c.transport())).forEach(c -> c.complete());
        long closeDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!sockets.isEmpty() && System.nanoTime() < closeDeadline) {
            try {
                Thread.sleep(Duration.ofMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first: before the web server's graceful shutdown waits for requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
