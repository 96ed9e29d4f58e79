package org.tta.gateway.proxy;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.tta.platform.problem.ProblemTypes;
import reactor.netty.NettyPipeline;

/**
 * Answers requests that Netty's HTTP/1.1 decoder refuses with {@code application/problem+json} and
 * closes the connection, instead of Reactor Netty's plain-text 400. The decoder refuses, among
 * others, {@code Content-Length} together with {@code Transfer-Encoding} (a request smuggling attempt,
 * RFC 9112 section 6.3), malformed chunk sizes, invalid header names, and request lines or headers over
 * the limits (414, 431). Nothing of such a request reaches Spring, a route or a backend: the handler
 * sits right behind the codec, drops the refused request head and everything after it on the
 * connection, and closes the connection once the problem is written, so no byte left in the socket
 * can be read as a second request. (A body that turns out malformed after a valid head is left to
 * Reactor Netty, since the request is already being served.)
 */
@ChannelHandler.Sharable
final class MalformedRequestGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "tta.malformedRequestGuard";
    static final MalformedRequestGuard INSTANCE = new MalformedRequestGuard();
    /** Marks a connection whose request was refused: whatever else arrives on it is dropped. */
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(NAME);

    private MalformedRequestGuard() {
    }

    /** Puts the guard behind the HTTP/1.1 codec of every new connection (none on connections without one). */
    static NettyServerCustomizer customizer() {
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, INSTANCE);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().attr(REFUSED).get() != null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(problem(statusOf(cause))).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    static HttpResponseStatus statusOf(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }

    private static FullHttpResponse problem(HttpResponseStatus status) {
        String body = "{\"type\":\"" + ProblemTypes.MALFORMED_REQUEST + "\",\"title\":\"" + status.reasonPhrase()
                + "\",\"status\":" + status.code() + ",\"detail\":\"The request is not valid HTTP/1.1 (for example "
                + "Content-Length together with Transfer-Encoding, or a header over the limits); the connection is closed\"}";
        ByteBuf content = Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff");
        return response;
    }

}
