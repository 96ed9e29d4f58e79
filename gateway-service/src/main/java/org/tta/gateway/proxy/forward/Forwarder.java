package org.tta.gateway.proxy.forward;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.proxy.ProxyProblems;
import org.tta.gateway.proxy.balance.Balancer;
import org.tta.gateway.proxy.balance.Instance;
import org.tta.gateway.proxy.balance.LatencyStats;
import org.tta.gateway.proxy.discovery.InstanceRegistry;
import org.tta.gateway.proxy.route.Route;
import reactor.core.publisher.Mono;

/**
 * Sends a request to one instance of the route's service and, for the route's retryable methods
 * only, to another instance after a connection failure or a 5xx answer: choose (latency-aware) ->
 * breaker permission -> send with the route's timeout -> record (latency, breaker) -> retry or
 * answer. A POST is never retried. A timeout is not retried (the attempt may still be running).
 */
public final class Forwarder {

    private final InstanceRegistry registry;
    private final Balancer balancer;
    private final Breakers breakers;
    private final BackendClient client;
    private final MeterRegistry meters;

    public Forwarder(InstanceRegistry registry, Balancer balancer, Breakers breakers, BackendClient client, MeterRegistry meters) {
        this.registry = registry;
        this.balancer = balancer;
        this.breakers = breakers;
        this.client = client;
        this.meters = meters;
    }

    public Mono<BackendResponse> forward(Route route, ForwardRequest request) {
        return Mono.defer(() -> attempt(route, request, new HashSet<>(), 1, null));
    }

    /** What one attempt ended with: an answer or a failure. */
    private record Outcome(BackendResponse response, Throwable error) {
    }

    private Mono<BackendResponse> attempt(Route route, ForwardRequest request, Set<String> tried, int number, Outcome previous) {
        Instance instance = balancer.choose(registry.instances(route), tried);
        if (instance == null) {
            return previous != null ? answer(route, previous) : Mono.error(unavailable(route, "No instance of the backend is available"));
        }
        CircuitBreaker breaker = breakers.of(route.service());
        if (!breaker.tryAcquirePermission()) {
            return previous != null ? answer(route, previous)
                    : Mono.error(unavailable(route, "The backend's circuit breaker is open; the request was not sent"));
        }
        tried.add(instance.statsKey());
        LatencyStats stats = balancer.stats(instance);
        long timeoutNanos = route.spec().timeout().toNanos();
        return Mono.defer(() -> {
            long start = System.nanoTime();
            AtomicBoolean ended = new AtomicBoolean();
            stats.start();
            return client.exchange(instance.baseUri(), request, route.maxResponseBytes(), route.spec().timeout())
                    .timeout(route.spec().timeout())
                    .map(response -> new Outcome(response, null))
                    .onErrorResume(e -> Mono.just(new Outcome(null, e)))
                    .doOnCancel(() -> {
                        if (ended.compareAndSet(false, true)) {
                            stats.end(System.nanoTime() - start, false, 0);
                            breaker.releasePermission();
                        }
                    })
                    .flatMap(outcome -> {
                        long elapsed = System.nanoTime() - start;
                        boolean failed = outcome.error() != null ? !isTooLarge(outcome.error()) : outcome.response().status() >= 500;
                        if (ended.compareAndSet(false, true)) {
                            stats.end(elapsed, failed, timeoutNanos);
                            if (failed) {
                                breaker.onError(elapsed, TimeUnit.NANOSECONDS,
                                        outcome.error() != null ? outcome.error() : new BackendStatusException(outcome.response().status()));
                            } else {
                                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                            }
                        }
                        boolean retry = failed && route.retries(request.method()) && number < route.spec().attempts()
                                && !(outcome.error() instanceof TimeoutException);
                        if (retry) {
                            meters.counter("tta.proxy.retries", "route", route.name()).increment();
                            return attempt(route, request, tried, number + 1, outcome);
                        }
                        return answer(route, outcome);
                    });
        });
    }

    private Mono<BackendResponse> answer(Route route, Outcome outcome) {
        if (outcome.response() != null) {
            return Mono.just(outcome.response());
        }
        Throwable error = outcome.error();
        if (error instanceof ProxyFailure failure) {
            return Mono.error(failure);
        }
        if (error instanceof TimeoutException) {
            return Mono.error(new ProxyFailure(Problem.of(ProxyProblems.BACKEND_TIMEOUT, HttpStatus.GATEWAY_TIMEOUT,
                    "The backend did not answer within " + route.spec().timeout().toMillis() + " ms")
                    .with("route", route.name()), null));
        }
        return Mono.error(unavailable(route, "The backend could not be reached"));
    }

    private ProxyFailure unavailable(Route route, String detail) {
        String state = breakers.state(route.service());
        Duration retryAfter = "OPEN".equals(state) ? breakers.openFor() : Duration.ofSeconds(1);
        return new ProxyFailure(Problem.of(ProxyProblems.BACKEND_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, detail)
                .with("route", route.name()).with("circuitBreaker", state), retryAfter);
    }

    private static boolean isTooLarge(Throwable error) {
        return error instanceof ProxyFailure failure && ProxyProblems.RESPONSE_TOO_LARGE.equals(failure.problem().type());
    }

    /** A 5xx answer, recorded as a breaker failure. */
    static final class BackendStatusException extends RuntimeException {
        BackendStatusException(int status) {
            super("backend answered " + status, null, false, false);
        }
    }
}
