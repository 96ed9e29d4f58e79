package org.tta.gateway.realtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;
import org.tta.gateway.realtime.delivery.Delivery;

/**
 * The connections this instance holds, by session, and the per-subject count behind the connection
 * limit. Thread-safe; dispatch never blocks (each connection's buffer is bounded).
 */
@Component
public class SessionHub {

    private final Map<String, Set<Connection>> bySession = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> bySubject = new ConcurrentHashMap<>();

    /** Counts a new connection of the subject; false (and nothing counted) when it would exceed {@code max}. */
    public boolean reserve(String subject, int max) {
        AtomicInteger count = bySubject.computeIfAbsent(subject, s -> new AtomicInteger());
        if (count.incrementAndGet() > max) {
            release(subject);
            return false;
        }
        return true;
    }

    /** Gives back a reservation. */
    public void release(String subject) {
        bySubject.computeIfPresent(subject, (s, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    public void add(Connection connection) {
        bySession.computeIfAbsent(connection.sessionId(), s -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Removes the connection; true when it was there (so leave work runs once). */
    public boolean remove(Connection connection) {
        boolean[] removed = {false};
        bySession.computeIfPresent(connection.sessionId(), (s, set) -> {
            removed[0] = set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        return removed[0];
    }

    /** Pushes a live event to every local connection of its session. */
    public void dispatch(Delivery delivery) {
        Set<Connection> connections = bySession.get(delivery.sessionId());
        if (connections != null) {
            for (Connection connection : connections) {
                connection.deliver(delivery);
            }
        }
    }

    public Collection<Connection> connectionsOf(String sessionId) {
        Set<Connection> connections = bySession.get(sessionId);
        return connections == null ? List.of() : List.copyOf(connections);
    }

    public Set<String> sessions() {
        return Set.copyOf(bySession.keySet());
    }

    public List<Connection> all() {
        return bySession.values().stream().flatMap(Set::stream).toList();
    }

    public int size() {
        return bySession.values().stream().mapToInt(Set::size).sum();
    }
}
