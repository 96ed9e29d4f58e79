package org.tta.gateway.realtime;

import java.time.Instant;

import org.tta.gateway.identity.Caller;
import org.tta.gateway.realtime.delivery.Position;

/**
 * A checked request to stream a session: who (a participant), until when their token is valid, and
 * where to resume ({@code since} is null for live only). The connection-limit slot {@code slotId} is already
 * taken: give it back with {@link StreamAdmission#release}.
 */
public record StreamGrant(String sessionId, Caller caller, Instant tokenExpiresAt, Position since, String clientIp,
                          String slotId) {
}
