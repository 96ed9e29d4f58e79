package org.tta.router.webhook;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.router.config.DeliveryDefaults;
import org.tta.router.config.RouterProperties;
import org.tta.router.subscription.Route;
import org.tta.schemas.subscription.SubscriptionConfig;

/**
 * Delivers webhook jobs: one job on the caller's virtual thread ({@link #deliver(WebhookJob)}, used
 * by the routing loop's lanes, which keep the order per session), or a list of jobs, returning
 * those that end in the dead letter ({@link #deliver(List)}, used by redrive).
 *
 * <p>Ordering of a list: jobs of an {@code ordered} subscription with the same key form a chain
 * delivered one after the other, each to success or dead letter before the next starts; chains
 * (other sessions, other subscribers) run in parallel on virtual threads. {@code unordered} jobs are
 * each a chain of their own. Within one subscriber, requests in flight are capped by its
 * {@link SubscriberGate}. The {@code webhook-id} is the event id, so it is the same on every
 * retry and after a redelivery.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookClient client;
    private final DeliveryDefaults defaults;
    private final CircuitBreakerRegistry breakers;
    private final DeliveryMetrics metrics;
    private final Map<String, SubscriberGate> gates = new ConcurrentHashMap<>();
    private final ExecutorService chains = Executors.newVirtualThreadPerTaskExecutor();

    public WebhookDispatcher(RouterProperties router, DeliveryDefaults defaults, CircuitBreakerRegistry breakers,
            DeliveryMetrics metrics, Clock clock) {
        this.client = new WebhookClient(router.allowHttp(), clock);
        this.defaults = defaults;
        this.breakers = breakers;
        this.metrics = metrics;
    }

    /** Forgets the breaker and limits of a removed subscription. */
    public void forget(String subscriptionId) {
        gates.remove(subscriptionId);
        breakers.remove(subscriptionId);
    }

    /**
     * Delivers every job and returns the failures, in job order per chain. Blocks until each job is
     * delivered or has failed for good.
     */
    public List<WebhookFailure> deliver(List<WebhookJob> jobs) throws InterruptedException {
        if (jobs.isEmpty()) {
            return List.of();
        }
        Map<Object, List<WebhookJob>> byChain = new LinkedHashMap<>();
        for (WebhookJob job : jobs) {
            SubscriptionConfig config = job.route().subscription().config();
            Object chain = config.unordered() ? new Object() : job.route().id() + '\u0000' + job.key();
            byChain.computeIfAbsent(chain, k -> new ArrayList<>()).add(job);
        }
        List<Future<List<WebhookFailure>>> running = new ArrayList<>(byChain.size());
        for (List<WebhookJob> chain : byChain.values()) {
            running.add(chains.submit(() -> runChain(chain)));
        }
        List<WebhookFailure> failures = new ArrayList<>();
        try {
            for (Future<List<WebhookFailure>> future : running) {
                failures.addAll(future.get());
            }
        } catch (ExecutionException e) {
            running.forEach(future -> future.cancel(true));
            throw new IllegalStateException("webhook chain failed", e.getCause());
        } catch (InterruptedException e) {
            running.forEach(future -> future.cancel(true));
            throw e;
        }
        return failures;
    }

    private List<WebhookFailure> runChain(List<WebhookJob> chain) throws InterruptedException {
        List<WebhookFailure> failures = new ArrayList<>();
        for (WebhookJob job : chain) {
            deliver(job).ifPresent(failures::add);
        }
        return failures;
    }

    /**
     * Delivers one job on the calling (virtual) thread, retries included; empty when delivered, the
     * failure when it ends in the dead letter. Interruptible (backoff waits and HTTP calls).
     */
    public Optional<WebhookFailure> deliver(WebhookJob job) throws InterruptedException {
        Route route = job.route();
        URI sink = URI.create(route.subscription().sink());
        if (!client.allowed(sink)) {
            return fail(job, -1, 0, "insecure-sink-refused");
        }
        SubscriberGate gate = gateOf(route);
        Backoff backoff = Backoff.of(route.subscription().config().delivery(), defaults);
        String secret = route.subscription().sinkcredential().secret();
        Attempt last = null;
        int attempts = 0;
        for (int n = 0; n <= backoff.retry(); n++) {
            if (n > 0) {
                metrics.retried(route.id());
                Thread.sleep(backoff.before(n, last.retryAfter()).toMillis());
            }
            CircuitBreaker breaker = gate.breaker();
            if (!breaker.tryAcquirePermission()) {
                // Open breaker: do not wait out the retry budget against a dead endpoint; dead-letter now.
                return fail(job, last == null ? 0 : last.status(), attempts, "circuit-open");
            }
            long start = System.nanoTime();
            try {
                gate.enter();
            } catch (InterruptedException e) {
                breaker.releasePermission();
                throw e;
            }
            try {
                last = client.send(sink, secret, job.event().getId(), job.event(), backoff.timeout(), job.traceparent());
                attempts++;
            } catch (InterruptedException e) {
                breaker.releasePermission();
                throw e;
            } finally {
                gate.leave();
            }
            long took = System.nanoTime() - start;
            metrics.attempted(route.id(), last.status());
            if (last.retryable()) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new WebhookException(last.error()));
            } else {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            }
            if (last.succeeded()) {
                metrics.delivered(route.id(), "webhook");
                return Optional.empty();
            }
            if (!last.retryable()) {
                break;
            }
        }
        return fail(job, last.status(), attempts, last.error());
    }

    private Optional<WebhookFailure> fail(WebhookJob job, int status, int attempts, String error) {
        log.warn("Webhook delivery failed subscription={} eventId={} status={} attempts={} error={}",
                job.route().id(), job.event().getId(), status, attempts, error);
        return Optional.of(new WebhookFailure(job, status, attempts, error));
    }

    private SubscriberGate gateOf(Route route) {
        SubscriptionConfig config = route.subscription().config();
        int concurrency = config.maxConcurrency() != null ? config.maxConcurrency() : defaults.maxConcurrency();
        int rate = config.ratePerSecond() != null ? config.ratePerSecond() : defaults.ratePerSecond();
        return gates.compute(route.id(), (id, gate) -> gate != null && gate.sameLimits(concurrency, rate) ? gate
                : new SubscriberGate(id, concurrency, rate, breakers.circuitBreaker(id)));
    }

    @Override
    public void close() {
        chains.shutdownNow();
    }

    /** The failure a breaker counts; carries only the error kind. */
    static final class WebhookException extends RuntimeException {
        WebhookException(String error) {
            super(error, null, false, false);
        }
    }
}
