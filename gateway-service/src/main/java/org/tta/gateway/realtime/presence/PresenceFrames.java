package org.tta.gateway.realtime.presence;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.tta.gateway.realtime.Connection;
import org.tta.gateway.realtime.Frames;
import org.tta.gateway.realtime.PresenceMember;
import org.tta.gateway.realtime.SessionHub;

/**
 * Turns the latest member set of a session into {@code presence} frames for this instance's connections
 * of it: the full list, with who joined and who left since the last set this instance saw.
 */
final class PresenceBroadcaster {

    private final SessionHub hub;
    private final Map<String, Set<PresenceMember>> lastSeen = new ConcurrentHashMap<>();

    PresenceBroadcaster(SessionHub hub) {
        this.hub = hub;
    }

    /** Sends the change to every local connection, and the list to {@code newcomer} even when nothing changed. */
    void publish(String sessionId, Set<PresenceMember> members, Connection newcomer) {
        if (hub.connectionsOf(sessionId).isEmpty()) {
            lastSeen.remove(sessionId);
            return;
        }
        lastSeen.compute(sessionId, (id, previous) -> {
            Set<PresenceMember> before = previous == null ? Set.of() : previous;
            Set<PresenceMember> joined = new TreeSet<>(members);
            joined.removeAll(before);
            Set<PresenceMember> left = new TreeSet<>(before);
            left.removeAll(members);
            Set<PresenceMember> now = new TreeSet<>(members);
            boolean changed = !joined.isEmpty() || !left.isEmpty();
            for (Connection connection : hub.connectionsOf(sessionId)) {
                if (changed || connection == newcomer) {
                    connection.send(Frames.presence(now, joined, left));
                }
            }
            return now;
        });
    }
}
