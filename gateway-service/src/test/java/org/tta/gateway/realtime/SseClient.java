package org.tta.gateway.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

/** Test fixture: a real Reactor Netty client of a {@code text/event-stream}, parsing each event's fields. */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    volatile int status;
    private final StringBuilder buffer = new StringBuilder();
    private final Disposable subscription;

    private SseClient(String url, String bearer, String lastEventId) {
        subscription = HttpClient.create()
                .headers(h -> {
                    if (bearer != null) {
                        h.set("Authorization", "Bearer " + bearer);
                    }
                    h.set("Accept", "text/event-stream");
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .get().uri(url)
                .response((response, body) -> {
                    status = response.status().code();
                    return body.asString();
                })
                .subscribe(this::onChunk, e -> { });
    }

    static SseClient connect(String url, String bearer, String lastEventId) {
        return new SseClient(url, bearer, lastEventId);
    }

    private synchronized void onChunk(String chunk) {
        buffer.append(chunk);
        int end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
            String block = buffer.substring(0, end);
            buffer.delete(0, end + 2);
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            if (name != null || id != null) {
                events.add(new Event(id, name, data.toString()));
            }
        }
    }

    List<Event> named(String name) {
        return events.stream().filter(e -> name.equals(e.name())).toList();
    }

    List<Event> awaitNamed(String name, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> named(name).size() >= count);
        return named(name);
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
