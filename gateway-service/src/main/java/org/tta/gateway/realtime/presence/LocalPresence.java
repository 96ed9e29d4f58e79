package org.tta.gateway.realtime.presence;

import java.util.Set;
import java.util.TreeSet;

import org.tta.gateway.realtime.Connection;
import org.tta.gateway.realtime.Presence;
import org.tta.gateway.realtime.PresenceMember;
import org.tta.gateway.realtime.SessionHub;

/** Presence of this instance's connections only: the standalone run (one instance, no Redis). */
final class LocalPresence implements Presence {

    private final SessionHub hub;
    private final PresenceBroadcaster broadcaster;

    LocalPresence(SessionHub hub) {
        this.hub = hub;
        this.broadcaster = new PresenceBroadcaster(hub);
    }

    @Override
    public void joined(Connection connection) {
        broadcaster.publish(connection.sessionId(), members(connection.sessionId()), connection);
    }

    @Override
    public void left(Connection connection) {
        broadcaster.publish(connection.sessionId(), members(connection.sessionId()), null);
    }

    private Set<PresenceMember> members(String sessionId) {
        Set<PresenceMember> members = new TreeSet<>();
        hub.connectionsOf(sessionId).forEach(c -> members.add(new PresenceMember(c.subject(), c.role())));
        return members;
    }
}
