package org.tta.gateway.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.awaitility.Awaitility;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test fixture: a real Reactor Netty WebSocket client that records every text frame and the close status. */
final class SocketClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<WebSocketCloseStatus> closed = new CompletableFuture<>();
    final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    private final Sinks.Many<WebSocketFrame> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> startReading = Sinks.empty();
    private volatile io.netty.channel.Channel channel;
    private volatile boolean reading;

    private SocketClient() {
    }

    /** Connects to {@code uri} (ws://...), with a bearer token when {@code bearer} is not null. */
    static SocketClient connect(String uri, String bearer) {
        return connect(uri, bearer, true);
    }

    /** With {@code reading} false the client reads nothing until {@link #startReading()}: a slow consumer. */
    static SocketClient connect(String uri, String bearer, boolean reading) {
        SocketClient client = new SocketClient();
        if (reading) {
            client.reading = true;
            client.startReading.tryEmitEmpty();
        }
        HttpClient.create()
                .option(io.netty.channel.ChannelOption.SO_RCVBUF, 8192)
                .headers(h -> {
                    if (bearer != null) {
                        h.set("Authorization", "Bearer " + bearer);
                    }
                })
                // A slow client does not answer pings either: a pong sent after the gateway closed its end would
                // reset the connection and discard the close frame still on its way.
                .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(4 * 1024 * 1024).handlePing(!reading).build())
                .uri(uri)
                .handle((in, out) -> {
                    in.withConnection(connection -> {
                        client.channel = connection.channel();
                        if (!client.reading) {
                            connection.channel().config().setAutoRead(false); // a slow consumer: TCP fills up
                        }
                    });
                    in.receiveCloseStatus().subscribe(client.closed::complete);
                    Mono<Void> read = in.aggregateFrames(4 * 1024 * 1024).receiveFrames()
                            .delaySubscription(client.startReading.asMono())
                            .doOnNext(frame -> {
                                if (frame instanceof TextWebSocketFrame text) {
                                    client.frames.add(JSON.readTree(text.text()));
                                }
                            })
                            .then();
                    return Mono.when(read, out.sendObject(client.outgoing.asFlux()).then());
                })
                .subscribe(null, client.failed::complete, () -> client.failed.complete(null));
        return client;
    }

    void startReading() {
        reading = true;
        startReading.tryEmitEmpty();
        io.netty.channel.Channel current = channel;
        if (current != null) {
            current.config().setAutoRead(true);
            current.read();
        }
    }

    void send(String json) {
        outgoing.tryEmitNext(new TextWebSocketFrame(json));
    }

    void sendBinary(byte[] bytes) {
        outgoing.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** Waits for a frame matching the predicate and returns it. */
    JsonNode await(Predicate<JsonNode> match) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> frames.stream().anyMatch(match));
        return frames.stream().filter(match).findFirst().orElseThrow();
    }

    JsonNode awaitType(String type) {
        return await(f -> type.equals(f.path("type").asString()));
    }

    List<JsonNode> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asString())).toList();
    }

    /** The event frames, waiting until there are at least {@code count}. */
    List<JsonNode> awaitEvents(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ofType("event").size() >= count);
        return ofType("event");
    }

    int awaitCloseCode() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(closed::isDone);
        return closed.join().code();
    }

    @Override
    public void close() {
        outgoing.tryEmitNext(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(1000, "bye"));
        outgoing.tryEmitComplete();
    }
}
