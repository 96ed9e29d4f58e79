package org.tta.gateway.realtime;

/**
 * Who is connected to each session, across instances. Implementations publish {@code presence} frames
 * to the session's local connections whenever the set of connected participants changes. Never blocks.
 */
public interface Presence {

    void joined(Connection connection);

    void left(Connection connection);
}
