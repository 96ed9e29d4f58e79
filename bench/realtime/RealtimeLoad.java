// Load client for bench/realtime/run.sh (JDK 21+ source launcher; kafka-clients on the class path for the forwarder).
//   idle     N   : holds N idle WebSocket connections over the sessions, then waits for "stop" on stdin
//   latency  R S : 3 sockets per session, posts R messages/s for S seconds over all sessions, prints p50/p99/max
// Stand-in for the event-router's participants route: copies tta.session.events.v1 to tta.deliveries.v1.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.regex.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.serialization.*;

public class RealtimeLoad {
    // The send time travels in the message as letters (a-j for 0-9): a run of 9 or more digits is a phone number to
    // the content policy, which answered 422 to every POST of the 2026-12-07 run that got that far.
    static final Pattern SENT = Pattern.compile("\"text\":\"t=([a-j]+)\"");
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String gateway, issuer;

    public static void main(String[] args) throws Exception {
        gateway = System.getenv("GATEWAY"); issuer = System.getenv("ISSUER");
        int sessions = Integer.parseInt(System.getenv().getOrDefault("SESSIONS", "1000"));
        String mode = args[0];
        startForwarder(System.getenv("KAFKA_SERVERS"));
        String therapist = token("bench-therapist", "therapist");
        List<String> ids = new ArrayList<>();
        List<String[]> tokens = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String[] t = new String[3];
            StringBuilder participants = new StringBuilder();
            for (int p = 0; p < 3; p++) {
                String sub = "rt-" + s + "-" + p;
                t[p] = token(sub, "patient");
                participants.append(p == 0 ? "" : ",").append("{\"subject\":\"").append(sub).append("\",\"role\":\"patient\"}");
            }
            String body = post("/api/v1/sessions", therapist, "{\"title\":\"bench\",\"participants\":[" + participants + "]}");
            Matcher m = ID.matcher(body); m.find();
            ids.add(m.group(1)); tokens.add(t);
        }
        System.out.println("sessions ready: " + sessions);
        if (mode.equals("idle")) {
            int n = Integer.parseInt(args[1]);
            AtomicInteger open = new AtomicInteger();
            List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int s = i % sessions, p = (i / sessions) % 3;
                sockets.add(connect(ids.get(s), tokens.get(s)[p], text -> { }).thenApply(ws -> { open.incrementAndGet(); return ws; }));
                if (i % 200 == 199) { CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS); }
            }
            CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
            System.out.println("idle connections open: " + open.get());
            new Scanner(System.in).nextLine();
            return;
        }
        int rate = Integer.parseInt(args[1]); int seconds = Integer.parseInt(args[2]); int warmup = Integer.parseInt(args[3]);
        long[] samples = new long[rate * seconds * 3 + 1000];
        AtomicInteger count = new AtomicInteger();
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        for (int s = 0; s < sessions; s++) for (int p = 0; p < 3; p++) {
            sockets.add(connect(ids.get(s), tokens.get(s)[p], text -> {
                long now = System.nanoTime();
                Matcher m = SENT.matcher(text);
                if (text.startsWith("{\"type\":\"event\"") && m.find()) {
                    long sent = decode(m.group(1));
                    if (sent >= measureFrom.get()) { int i = count.getAndIncrement(); if (i < samples.length) samples[i] = now - sent; }
                }
            }));
            if (s % 100 == 99) { CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS); }
        }
        CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        System.out.println("sockets open: " + sockets.size());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicLong seq = new AtomicLong(); AtomicInteger failures = new AtomicInteger();
        Map<String, AtomicInteger> failuresByStatus = new ConcurrentSkipListMap<>(); // "503", "429", or the exception type
        long periodNanos = 1_000_000_000L / rate;
        timer.scheduleAtFixedRate(() -> {
            long i = seq.getAndIncrement(); int s = (int) (i % sessions);
            String body = "{\"text\":\"t=" + encode(System.nanoTime()) + "\"}";
            HTTP.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/sessions/" + ids.get(s) + "/messages"))
                    .header("Authorization", "Bearer " + tokens.get(s)[(int) (i / sessions % 3)]).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    String outcome = cause != null ? cause.getClass().getSimpleName() : Integer.toString(r.statusCode());
                    if (!"202".equals(outcome)) {
                        failures.incrementAndGet();
                        failuresByStatus.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    }
                });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(warmup * 1000L);
        measureFrom.set(System.nanoTime());
        long start = seq.get();
        Thread.sleep(seconds * 1000L);
        long posted = seq.get() - start;
        timer.shutdown();
        Thread.sleep(5000);
        System.out.println("non202 by status: " + failuresByStatus);
        int n = Math.min(count.get(), samples.length);
        if (n == 0) {
            System.out.printf("posted=%d non202=%d deliveries=0: nothing measured%n", posted, failures.get());
            System.exit(2);
        }
        long[] sorted = Arrays.copyOf(samples, n); Arrays.sort(sorted);
        System.out.printf("posted=%d (%.0f/s) deliveries=%d expected=%d non202=%d p50=%.1fms p99=%.1fms max=%.1fms%n",
                posted, posted / (double) seconds, n, posted * 3, failures.get(),
                sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6);
        System.exit(0);
    }

    static String encode(long nanos) {
        StringBuilder letters = new StringBuilder();
        for (char digit : Long.toString(nanos).toCharArray()) letters.append((char) ('a' + (digit - '0')));
        return letters.toString();
    }

    static long decode(String letters) {
        long value = 0;
        for (char letter : letters.toCharArray()) value = value * 10 + (letter - 'a');
        return value;
    }

    interface OnText { void accept(String text); }

    static CompletableFuture<WebSocket> connect(String session, String token, OnText onText) {
        return HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(gateway.replace("http", "ws") + "/ws/v1/sessions/" + session), new WebSocket.Listener() {
                    final StringBuilder partial = new StringBuilder();
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) { onText.accept(partial.toString()); partial.setLength(0); }
                        ws.request(1); return null;
                    }
                });
    }

    static String token(String sub, String role) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/dev/token?sub=" + sub + "&roles=" + role + "&ttl=PT2H")).build(),
                HttpResponse.BodyHandlers.ofString()).body().trim();
    }

    static String post(String path, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static void startForwarder(String servers) {
        Properties c = new Properties();
        c.put("bootstrap.servers", servers); c.put("group.id", "bench-forwarder-" + System.nanoTime());
        c.put("auto.offset.reset", "latest"); c.put("isolation.level", "read_committed");
        Properties p = new Properties();
        p.put("bootstrap.servers", servers); p.put("acks", "all"); p.put("linger.ms", "0");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        consumer.subscribe(List.of("tta.session.events.v1"));
        Thread t = new Thread(() -> {
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    producer.send(new ProducerRecord<>("tta.deliveries.v1", null, r.key(), r.value(), r.headers()));
                }
            }
        }, "forwarder");
        t.setDaemon(true); t.start();
    }
}
