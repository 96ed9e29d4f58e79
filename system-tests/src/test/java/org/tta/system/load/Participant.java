package org.tta.system.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.tta.system.harness.ServiceProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One participant's WebSocket on a session: records every session message it receives, in order. When the
 * socket breaks (its gateway was killed, or closed it), it reconnects to the next gateway with
 * {@code since=<last position>}, as the protocol tells a client to, so what it records is what a real client
 * would show: the checks then compare it with the session's order in Kafka.
 */
public final class Participant implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE_TYPE = "org.tta.session.message.v1";
    private static final ScheduledExecutorService RECONNECTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "participant-reconnect");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final String name;
    private final String sessionId;
    private final String token;
    private final List<ServiceProcess> gateways;
    private final List<String> received = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile int gateway;
    private volatile String lastPosition;
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile boolean subscribed;

    public Participant(String name, String sessionId, String token, List<ServiceProcess> gateways, int firstGateway) {
        this.name = name;
        this.sessionId = sessionId;
        this.token = token;
        this.gateways = gateways;
        this.gateway = firstGateway % gateways.size();
    }

    public String name() {
        return name;
    }

    public String sessionId() {
        return sessionId;
    }

    public void connect() {
        int mine = generation.incrementAndGet();
        String since = lastPosition == null ? "" : "?since=" + lastPosition;
        URI uri = URI.create(gateways.get(gateway).uri("/ws/v1/sessions/" + sessionId + since).toString().replace("http:", "ws:"));
        http.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener(mine))
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        reconnectLater(mine);
                    } else {
                        socket = ws;
                    }
                });
    }

    /** The ids of the session messages received, in the order they arrived (across reconnects). */
    public synchronized List<String> received() {
        return List.copyOf(received);
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Whether the gateway answered the first connection (its presence frame): live events reach the socket from then on. */
    public boolean subscribed() {
        return subscribed;
    }

    public int reconnects() {
        return reconnects.get();
    }

    private synchronized void onFrame(int mine, String text) {
        if (mine != generation.get()) {
            return;
        }
        JsonNode frame = JSON.readTree(text);
        String type = frame.path("type").asString("");
        subscribed = true;
        switch (type) {
            case "event" -> {
                lastPosition = frame.path("position").asString();
                JsonNode event = frame.path("event");
                if (MESSAGE_TYPE.equals(event.path("type").asString(""))) {
                    received.add(event.path("id").asString());
                }
            }
            case "resume-unavailable" -> problems.add("resume-unavailable after " + lastPosition);
            case "error" -> problems.add("error frame " + frame.path("problem").path("type").asString(""));
            default -> {
                // presence, pong, auth: nothing to record
            }
        }
    }

    private void reconnectLater(int mine) {
        if (closed || generation.get() != mine) {
            return;
        }
        reconnects.incrementAndGet();
        gateway = (gateway + 1) % gateways.size();
        RECONNECTS.schedule(() -> {
            if (!closed && generation.get() == mine) {
                connect();
            }
        }, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final int mine;
        private final StringBuilder partial = new StringBuilder();

        Listener(int mine) {
            this.mine = mine;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    onFrame(mine, partial.toString());
                } catch (RuntimeException e) {
                    synchronized (Participant.this) {
                        problems.add("unreadable frame: " + e.getClass().getSimpleName());
                    }
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (statusCode != 1001 && statusCode != 1006 && statusCode != 4509) {
                synchronized (Participant.this) {
                    problems.add("closed with " + statusCode);
                }
            }
            reconnectLater(mine);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            reconnectLater(mine);
        }
    }
}
