// Open-loop load for bench/ingress/run.sh (JDK 21+ source launcher, no dependencies): authenticated ~1 KiB message
// posts at a fixed rate, each request due at start + i/rate; its latency is measured from when it was DUE, not from
// when it was sent, so a stalled server cannot hide its queueing (no coordinated omission). Traffic to the given
// loopback base URL only; stops by itself after warm-up + duration.
//   java FixedRate.java <base-url> <rate/s> <duration s> <warm-up s> <tokens file: "sessionId token" lines>
// Prints: RESULT rate=.. achieved_rps=(2xx answers completed within the measured window / duration) p50_ms=.. p99_ms=.. p999_ms=.. max_ms=.. requests=.. status_errors=.. errors=..
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

public class FixedRate {
    static final int MAX_IN_FLIGHT = 4096;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int duration = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        List<String[]> pairs = Files.readAllLines(Path.of(args[4])).stream()
                .filter(l -> !l.isBlank()).map(l -> l.trim().split(" ")).toList();
        String body = "{\"text\":\"" + "I am feeling a bit better today and want to talk about the week. ".repeat(15) + "\"}";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest[] requests = new HttpRequest[pairs.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions/" + pairs.get(i)[0] + "/messages"))
                    .header("Authorization", "Bearer " + pairs.get(i)[1]).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }
        int skip = rate * warmup;
        int total = skip + rate * duration;
        long[] latencyNanos = new long[total - skip];
        Arrays.fill(latencyNanos, -1);
        AtomicInteger statusErrors = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger completedInWindow = new AtomicInteger();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(total);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long windowStart = start + skip * period;
        long windowEnd = start + total * period;
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long ahead;
            while ((ahead = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(ahead);
            }
            inFlight.acquireUninterruptibly();
            int index = i;
            client.sendAsync(requests[i % requests.length], HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        long now = System.nanoTime();
                        long latency = now - due;
                        if (failure == null && response.statusCode() < 400 && now >= windowStart && now < windowEnd) {
                            completedInWindow.incrementAndGet();
                        }
                        if (index >= skip) {
                            if (failure != null) {
                                errors.incrementAndGet();
                            } else if (response.statusCode() >= 400) {
                                statusErrors.incrementAndGet();
                            }
                            latencyNanos[index - skip] = latency; // a failure counts with its time to fail, and in errors
                        }
                        inFlight.release();
                        done.countDown();
                    });
        }
        done.await(60, TimeUnit.SECONDS);
        long[] sorted = latencyNanos.clone();
        long end = System.nanoTime();
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0) { // still unanswered a minute after the last was due: a failure, with its age
                sorted[i] = end - (start + (i + skip) * period);
                errors.incrementAndGet();
            }
        }
        Arrays.sort(sorted);
        System.out.printf("RESULT rate=%d achieved_rps=%.1f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f requests=%d"
                        + " status_errors=%d errors=%d%n", rate,
                completedInWindow.get() / (double) duration, ms(sorted, 0.50), ms(sorted, 0.99),
                ms(sorted, 0.999), ms(sorted, 1.0), sorted.length, statusErrors.get(), errors.get());
        System.exit(0);
    }

    static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
