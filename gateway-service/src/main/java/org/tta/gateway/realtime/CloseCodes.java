package org.tta.gateway.realtime;

/**
 * The WebSocket close codes the gateway sends. A client reconnects with {@code ?since=<last position>}
 * after every code except {@link #NOT_ALLOWED}, {@link #INVALID_POSITION} and {@link #RESUME_UNAVAILABLE}
 * (the last one: reload the session's history over REST, then connect without {@code since}).
 */
public final class CloseCodes {

    /** The instance is shutting down; reconnect (to any instance) and resume. */
    public static final int GOING_AWAY = 1001;
    /** A binary frame: the protocol is JSON text frames only. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** A frame larger than {@code tta.gateway.realtime.max-frame-bytes} (sent by the WebSocket codec). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The {@code since} position is from the future or from another session. */
    public static final int INVALID_POSITION = 4400;
    /** The token expired without an {@code auth} frame renewing it; fetch a new ticket and reconnect. */
    public static final int AUTH_EXPIRED = 4401;
    /** The caller is no longer allowed in the session. */
    public static final int NOT_ALLOWED = 4403;
    /** No inbound frame (not even a pong) within the idle timeout. */
    public static final int IDLE_TIMEOUT = 4408;
    /** The events after {@code since} are no longer retained; reload history, then connect without it. */
    public static final int RESUME_UNAVAILABLE = 4410;
    /** More inbound frames per second than allowed. */
    public static final int TOO_MANY_FRAMES = 4429;
    /**
     * The outbound buffer filled up: the client reads too slowly. Reconnect with {@code since}: nothing is lost.
     * A client that does not take even the close frame within {@code close-timeout} is dropped without it.
     */
    public static final int SLOW_CONSUMER = 4509;

    private CloseCodes() {
    }
}
