package org.tta.gateway.realtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.WriteTimeoutHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Drops the TCP connection of a streaming response whose writes stall: a client that stopped reading
 * entirely (its receive window full) never completes a write, so nothing else ever ends its response,
 * and the connection, its slot and what Netty queued for it would be held until the token expires.
 *
 * <p>Installed on the request's channel for the life of that response only (Reactor Netty removes the
 * handler when the response ends); {@code onStall} runs once, on the channel's event loop, just before
 * the channel is closed. The closed channel cancels the response, which ends the connection as usual.
 */
public final class WriteStallGuard {

    static final String HANDLER_NAME = "tta.realtime.write-stall";

    private WriteStallGuard() {
    }

    /** Arms the guard for {@code request}'s channel; does nothing on a server that is not Reactor Netty. */
    public static void install(ServerHttpRequest request, Duration timeout, Runnable onStall) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        if (nativeRequest instanceof reactor.netty.Connection connection) {
            connection.addHandlerLast(HANDLER_NAME, new StallHandler(timeout, onStall));
        }
    }

    /** A write not written out within the timeout: count it, then close the channel (not the handshake). */
    private static final class StallHandler extends WriteTimeoutHandler {

        private final Runnable onStall;
        private boolean stalled;

        StallHandler(Duration timeout, Runnable onStall) {
            super(timeout.toMillis(), TimeUnit.MILLISECONDS);
            this.onStall = onStall;
        }

        @Override
        protected void writeTimedOut(ChannelHandlerContext ctx) {
            if (!stalled) { // event loop only
                stalled = true;
                onStall.run();
                ctx.close();
            }
        }
    }
}
