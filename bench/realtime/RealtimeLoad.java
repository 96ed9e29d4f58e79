// Load client for bench/realtime/run.sh (JDK 21+ source launcher; kafka-clients on the class path for the hop probes).
//   idle     N         : holds N idle WebSocket connections over the sessions, then waits for "stop" on stdin
//   latency  RATES S W : 3 sockets per session; for each rate of RATES (comma-separated, e.g. 100,250,1000), posts at
//                        that fixed rate for W s of warm-up and S s measured, then prints one result line
// Fair generator (open model): a scheduler thread fixes each POST's send time (start + i / rate) whatever the
// gateway does; CONNS worker threads (default 32; run.sh passes 128) each own one HTTP/1.1 keep-alive connection and send the queued
// POSTs in turn. Latency is measured from the scheduled time, so queueing in the client counts (no coordinated
// omission). The backlog is bounded (BACKLOG, default 2 s of posts): a POST that finds it full is not sent and is
// counted as "client-backlog-full". Every POST that is not answered 202 is counted by cause (status or exception).
// FIRST_WARMUP (s) lengthens the first rate's warm-up (JIT compilation in every JVM after start).
// HOPS=1 adds two read_committed consumers (session events, deliveries) that report when each hop made the
// message visible. Sends only to 127.0.0.1 (GATEWAY must be http://127.0.0.1:<port>); stops by itself.
import java.io.*;
import java.net.*;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.*;

public class RealtimeLoad {
    // The scheduled send time (epoch microseconds) travels in the message as letters (a-j for 0-9): a run of 9 or
    // more digits is a phone number to the content policy, which answered 422 to every POST of such a run.
    static final Pattern SENT = Pattern.compile("\"t=([a-j]+)");
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final long BASE_NANOS = System.nanoTime();
    static final long BASE_MICROS = java.time.Instant.now().toEpochMilli() * 1000;
    static String gateway, issuer;
    static int port;

    /** Epoch microseconds on the monotonic clock (comparable with Kafka's record timestamps, in ms). */
    static long micros() { return BASE_MICROS + (System.nanoTime() - BASE_NANOS) / 1000; }

    public static void main(String[] args) throws Exception {
        gateway = System.getenv("GATEWAY"); issuer = System.getenv("ISSUER");
        URI gw = URI.create(gateway);
        if (!"127.0.0.1".equals(gw.getHost()) || !URI.create(issuer).getHost().matches("127\\.0\\.0\\.1|localhost")) {
            throw new IllegalArgumentException("loopback only: GATEWAY must be http://127.0.0.1:<port>, ISSUER on loopback");
        }
        port = gw.getPort();
        int sessions = Integer.parseInt(System.getenv().getOrDefault("SESSIONS", "1000"));
        String mode = args[0];
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
        if (mode.equals("idle")) { idle(Integer.parseInt(args[1]), ids, tokens); return; }

        int seconds = Integer.parseInt(args[2]); int warmup = Integer.parseInt(args[3]);
        Window window = new Window();
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        for (int s = 0; s < sessions; s++) for (int p = 0; p < 3; p++) {
            sockets.add(connect(ids.get(s), tokens.get(s)[p], text -> {
                long now = micros();
                if (!text.startsWith("{\"type\":\"event\"")) return;
                Matcher m = SENT.matcher(text);
                if (m.find()) window.record(Stage.SOCKET, decode(m.group(1)), now);
            }));
            if (s % 100 == 99) CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        System.out.println("sockets open: " + sockets.size());
        if ("1".equals(System.getenv("HOPS"))) startProbes(System.getenv("KAFKA_SERVERS"), window);
        Cpu cpu = new Cpu(System.getenv().getOrDefault("PIDS", ""));
        int conns = Integer.parseInt(System.getenv().getOrDefault("CONNS", "32"));
        // the first minutes after start are JIT compilation in every JVM: the first rate warms up longer
        int firstWarmup = Integer.parseInt(System.getenv().getOrDefault("FIRST_WARMUP", Integer.toString(warmup)));
        boolean first = true;
        for (String rate : args[1].split(",")) {
            run(Integer.parseInt(rate.trim()), seconds, first ? Math.max(warmup, firstWarmup) : warmup, conns, sessions, ids, tokens,
                    window, cpu);
            first = false;
        }
        System.exit(0);
    }

    /** One rate: warm-up, measured window, drain; prints the result line. */
    static void run(int rate, int seconds, int warmup, int conns, int sessions, List<String> ids, List<String[]> tokens,
                    Window window, Cpu cpu) throws Exception {
        int backlogCapacity = Integer.parseInt(System.getenv().getOrDefault("BACKLOG", Integer.toString(2 * rate)));
        BlockingQueue<Post> backlog = new ArrayBlockingQueue<>(backlogCapacity);
        Map<String, AtomicInteger> failures = new ConcurrentSkipListMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < conns; c++) {
            workers.add(Thread.ofPlatform().daemon().name("post-" + c).start(() -> worker(backlog, stop, window, failures)));
        }
        long periodNanos = 1_000_000_000L / rate;
        long startNanos = System.nanoTime(), warmEnd = startNanos + warmup * 1_000_000_000L, end = warmEnd + seconds * 1_000_000_000L;
        window.reset();
        boolean measuring = false;
        Cpu.Sample before = null;
        long posted = 0;
        for (long i = 0; ; i++) {
            long due = startNanos + i * periodNanos;
            if (due >= end) break;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            if (!measuring && due >= warmEnd) {
                measuring = true;
                long fromMicros = BASE_MICROS + (due - BASE_NANOS) / 1000;
                window.open(fromMicros, fromMicros + seconds * 1_000_000L);
                failures.clear();
                before = cpu.sample();
            }
            long scheduled = BASE_MICROS + (due - BASE_NANOS) / 1000;
            int s = (int) (i % sessions);
            Post post = new Post(ids.get(s), tokens.get(s)[(int) (i / sessions % 3)], scheduled);
            if (measuring) posted++;
            if (!backlog.offer(post)) failures.computeIfAbsent("client-backlog-full", k -> new AtomicInteger()).incrementAndGet();
        }
        Cpu.Sample after = cpu.sample();
        // drain: what is queued is still sent; then give deliveries time to arrive
        long drainUntil = System.nanoTime() + 10_000_000_000L;
        while (!backlog.isEmpty() && System.nanoTime() < drainUntil) Thread.sleep(50);
        stop.set(true);
        for (Thread w : workers) w.join(5000);
        if (!backlog.isEmpty()) failures.computeIfAbsent("client-unsent-at-end", k -> new AtomicInteger()).addAndGet(backlog.size());
        Thread.sleep(3000);
        int accepted = window.accepted.get();
        int refused = failures.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("rate=%d/s posted=%d accepted=%d failed=%d failures=%s%n", rate, posted, accepted, refused, failures);
        System.out.printf("rate=%d/s socket: deliveries=%d expected=%d %s%n", rate, window.count(Stage.SOCKET), accepted * 3L,
                window.summary(Stage.SOCKET));
        for (Stage stage : Stage.values()) {
            if (stage != Stage.SOCKET && window.count(stage) > 0) {
                System.out.printf("rate=%d/s   %-18s n=%d %s%n", rate, stage.label, window.count(stage), window.summary(stage));
            }
        }
        if (before != null) System.out.printf("rate=%d/s cpu (%% of one core, measured window): %s%n", rate, cpu.share(before, after));
        System.out.flush();
    }

    record Post(String session, String token, long scheduledMicros) { }

    /** One keep-alive connection: takes queued posts in turn; reconnects after an error or a close. */
    static void worker(BlockingQueue<Post> backlog, AtomicBoolean stop, Window window, Map<String, AtomicInteger> failures) {
        Http http = null;
        while (!stop.get()) {
            Post post;
            try {
                post = backlog.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) { return; }
            if (post == null) continue;
            String body = "{\"text\":\"t=" + encode(post.scheduledMicros) + "\"}";
            String outcome;
            try {
                if (http == null) http = new Http(port);
                window.record(Stage.SENT, post.scheduledMicros, micros());
                int status = http.post("/api/v1/sessions/" + post.session + "/messages", post.token, body);
                outcome = Integer.toString(status);
                if (status == 202) {
                    window.record(Stage.ACCEPTED, post.scheduledMicros, micros());
                    window.accept(post.scheduledMicros);
                }
                if (http.closeRequested) { http.close(); http = null; }
            } catch (IOException e) {
                outcome = e.getClass().getSimpleName();
                if (http != null) http.close();
                http = null;
            }
            if (!"202".equals(outcome)) failures.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        }
        if (http != null) http.close();
    }

    /** A minimal HTTP/1.1 keep-alive client for one connection to 127.0.0.1 (Content-Length or chunked answers). */
    static final class Http implements Closeable {
        final Socket socket;
        final OutputStream out;
        final BufferedInputStream in;
        boolean closeRequested;

        Http(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        int post(String path, String token, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = line();
            if (status == null) throw new EOFException("connection closed before an answer");
            int code = Integer.parseInt(status.split(" ")[1]);
            long length = -1; boolean chunked = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) length = Long.parseLong(lower.substring(15).trim());
                else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
                else if (lower.startsWith("connection:") && lower.contains("close")) closeRequested = true;
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim().split(";")[0], 16); size > 0; size = Long.parseLong(line().trim().split(";")[0], 16)) {
                    skip(size); line();
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) { }
            } else if (length > 0) {
                skip(length);
            } else if (length < 0) {
                closeRequested = true; // no framing: the body ends with the connection
            }
            return code;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) { if (in.read() < 0) throw new EOFException("body cut short"); skipped = 1; }
                n -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); ; c = in.read()) {
                if (c < 0) return line.length() == 0 ? null : line.toString();
                if (c == '\n') return line.toString();
                if (c != '\r') line.append((char) c);
            }
        }

        @Override public void close() { try { socket.close(); } catch (IOException ignored) { } }
    }

    enum Stage {
        SENT("client sent"), ACCEPTED("202 received"), EVENT_CREATED("session event ts"), EVENT_VISIBLE("session event read"),
        DELIVERY_CREATED("delivery ts"), DELIVERY_VISIBLE("delivery read"), SOCKET("socket");
        final String label;
        Stage(String label) { this.label = label; }
    }

    /** Latencies from the scheduled send time, per stage, for posts scheduled inside the measured window. */
    static final class Window {
        final Map<Stage, long[]> samples = new EnumMap<>(Stage.class);
        final Map<Stage, AtomicInteger> counts = new EnumMap<>(Stage.class);
        final AtomicInteger accepted = new AtomicInteger();
        volatile long from = Long.MAX_VALUE, to = Long.MAX_VALUE;

        Window() { for (Stage s : Stage.values()) { samples.put(s, new long[600_000]); counts.put(s, new AtomicInteger()); } }

        void reset() { from = Long.MAX_VALUE; to = Long.MAX_VALUE; accepted.set(0); counts.values().forEach(c -> c.set(0)); }
        void open(long fromMicros, long toMicros) { to = toMicros; from = fromMicros; }
        boolean inside(long scheduled) { return scheduled >= from && scheduled < to; }
        void accept(long scheduled) { if (inside(scheduled)) accepted.incrementAndGet(); }

        void record(Stage stage, long scheduled, long atMicros) {
            if (!inside(scheduled)) return;
            int i = counts.get(stage).getAndIncrement();
            long[] s = samples.get(stage);
            if (i < s.length) s[i] = atMicros - scheduled;
        }

        int count(Stage stage) { return Math.min(counts.get(stage).get(), samples.get(stage).length); }

        String summary(Stage stage) {
            int n = count(stage);
            if (n == 0) return "nothing measured";
            long[] sorted = Arrays.copyOf(samples.get(stage), n); Arrays.sort(sorted);
            return String.format("p50=%.1fms p99=%.1fms p99.9=%.1fms max=%.1fms", sorted[n / 2] / 1e3,
                    sorted[(int) (n * 0.99)] / 1e3, sorted[(int) (n * 0.999)] / 1e3, sorted[n - 1] / 1e3);
        }
    }

    /** CPU time of the named processes (/proc/<pid>/stat, utime + stime), this JVM and the machine (/proc/stat). */
    static final class Cpu {
        final Map<String, Long> pids = new LinkedHashMap<>();
        record Sample(long nanos, Map<String, Long> ticks, long machineBusy, long machineAll) { }

        Cpu(String spec) {
            for (String entry : spec.trim().split("\\s+")) {
                if (entry.contains(":")) pids.put(entry.split(":")[0], Long.parseLong(entry.split(":")[1]));
            }
            pids.put("load-client", ProcessHandle.current().pid());
        }

        Sample sample() {
            Map<String, Long> ticks = new LinkedHashMap<>();
            pids.forEach((name, pid) -> {
                try {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) { ticks.put(name, -1L); }
            });
            long busy = 0, all = 0;
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                for (int i = 1; i < f.length && i <= 8; i++) { long v = Long.parseLong(f[i]); all += v; if (i != 4 && i != 5) busy += v; }
            } catch (IOException ignored) { }
            return new Sample(System.nanoTime(), ticks, busy, all);
        }

        String share(Sample a, Sample b) {
            double seconds = (b.nanos - a.nanos) / 1e9;
            StringBuilder line = new StringBuilder();
            a.ticks.forEach((name, t) -> {
                long t2 = b.ticks.getOrDefault(name, -1L);
                line.append(name).append('=').append(t < 0 || t2 < 0 ? "?" : String.format("%.0f%%", (t2 - t) / 100.0 / seconds * 100)).append(' ');
            });
            double machine = b.machineAll == a.machineAll ? 0 : 100.0 * (b.machineBusy - a.machineBusy) / (b.machineAll - a.machineAll);
            return line.append(String.format("machine=%.0f%% of %d cores", machine, Runtime.getRuntime().availableProcessors())).toString();
        }
    }

    /** read_committed readers of both topics: when each hop's record was written (its timestamp) and became readable. */
    static void startProbes(String servers, Window window) {
        probe(servers, "tta.session.events.v1", Stage.EVENT_CREATED, Stage.EVENT_VISIBLE, window);
        probe(servers, "tta.deliveries.v1", Stage.DELIVERY_CREATED, Stage.DELIVERY_VISIBLE, window);
    }

    static void probe(String servers, String topic, Stage created, Stage visible, Window window) {
        Properties c = new Properties();
        c.put("bootstrap.servers", servers); c.put("isolation.level", "read_committed"); c.put("enable.auto.commit", "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread.ofPlatform().daemon().name("probe-" + topic).start(() -> {
            while (true) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                long now = micros();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.value() == null) continue;
                    Matcher m = SENT.matcher(new String(r.value(), StandardCharsets.UTF_8));
                    if (!m.find()) continue;
                    long scheduled = decode(m.group(1));
                    window.record(created, scheduled, r.timestamp() * 1000);
                    window.record(visible, scheduled, now);
                }
            }
        });
    }

    static void idle(int n, List<String> ids, List<String[]> tokens) throws Exception {
        int sessions = ids.size();
        AtomicInteger open = new AtomicInteger();
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = i % sessions, p = (i / sessions) % 3;
            sockets.add(connect(ids.get(s), tokens.get(s)[p], text -> { }).thenApply(ws -> { open.incrementAndGet(); return ws; }));
            if (i % 200 == 199) CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        System.out.println("idle connections open: " + open.get());
        new Scanner(System.in).nextLine();
    }

    static String encode(long value) {
        StringBuilder letters = new StringBuilder();
        for (char digit : Long.toString(value).toCharArray()) letters.append((char) ('a' + (digit - '0')));
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
}
