package org.tta.gateway.proxy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.proxy.cache.CachedResponse;
import org.tta.gateway.proxy.cache.ResponseCache;
import org.tta.gateway.proxy.forward.BackendResponse;
import org.tta.gateway.proxy.forward.ForwardHeaders;
import org.tta.gateway.proxy.forward.ForwardRequest;
import org.tta.gateway.proxy.forward.Forwarder;
import org.tta.gateway.proxy.route.Route;
import reactor.core.publisher.Mono;

/**
 * A call through a route, read from and stored in the response cache when the route is cacheable
 * and the method is GET. The backend's {@code Cache-Control} is honoured: {@code no-store},
 * {@code no-cache} and {@code max-age=0} are never stored, {@code private} is not stored on a
 * shared route, and a {@code max-age} shorter than the route's TTL wins. A request with
 * {@code Cache-Control: no-cache} skips the lookup (and refreshes the entry). Every cached answer
 * carries an {@code ETag} (the backend's, or a hash of the body).
 */
public final class CachedCalls {

    private final Forwarder forwarder;
    private final ResponseCache cache;
    private final MeterRegistry meters;

    CachedCalls(Forwarder forwarder, ResponseCache cache, MeterRegistry meters) {
        this.forwarder = forwarder;
        this.cache = cache;
        this.meters = meters;
    }

    /**
     * @param stream whether an answer that is not cached may be streamed ({@link BackendResponse#streamed()});
     *               an answer that goes into the cache is always read whole
     */
    public Mono<BackendResponse> call(Route route, String method, String pathAndQuery, String resource,
                               ServerWebExchange exchange, byte[] body, boolean cacheOn, boolean stream) {
        boolean cacheable = cacheOn && cache != null && "GET".equals(method) && route.spec().cache().enabled();
        HttpHeaders headers = ForwardHeaders.outbound(exchange, !cacheable);
        Negotiation.defaultAccept(headers, route.spec().produces());
        ForwardRequest request = new ForwardRequest(method, pathAndQuery, headers, body, stream && !cacheable);
        if (!cacheable) {
            return forwarder.forward(route, request);
        }
        boolean bypass = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.CACHE_CONTROL).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("no-cache") || v.toLowerCase(Locale.ROOT).contains("no-store"));
        Mono<String> scope = route.spec().cache().shared() ? Mono.just("*")
                : exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("anonymous");
        return scope.flatMap(who -> {
            String key = cache.keys().entry(route.name(), who, pathAndQuery,
                    exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT));
            Mono<BackendResponse> hit = bypass ? Mono.empty() : cache.get(key).map(c -> answer(c, "HIT"));
            return hit.doOnNext(h -> count(route, "hit"))
                    .switchIfEmpty(Mono.defer(() -> forwarder.forward(route, request)
                            .flatMap(response -> store(route, key, resource, response))));
        });
    }

    private Mono<BackendResponse> store(Route route, String key, String resource, BackendResponse response) {
        if (response.status() != 200) {
            return Mono.just(response);
        }
        String cacheControl = response.headers().getCacheControl();
        Duration ttl = ttl(route, cacheControl);
        if (ttl == null) {
            count(route, "uncacheable");
            return Mono.just(response);
        }
        String etag = response.headers().getETag() != null ? response.headers().getETag() : etagOf(response.body());
        CachedResponse cached = new CachedResponse(response.headers().getFirst(HttpHeaders.CONTENT_TYPE), etag,
                cacheControl, response.body());
        count(route, "miss");
        return cache.put(key, resource, cached, ttl).thenReturn(answer(cached, "MISS"));
    }

    /** How long the answer may be kept, or null when it must not be stored. */
    private static Duration ttl(Route route, String cacheControl) {
        Duration ttl = route.spec().cache().ttl();
        if (cacheControl == null) {
            return ttl;
        }
        String value = cacheControl.toLowerCase(Locale.ROOT);
        if (value.contains("no-store") || value.contains("no-cache") || (route.spec().cache().shared() && value.contains("private"))) {
            return null;
        }
        for (String directive : value.split(",")) {
            String d = directive.trim();
            if (d.startsWith("s-maxage=") || d.startsWith("max-age=")) {
                try {
                    long seconds = Long.parseLong(d.substring(d.indexOf('=') + 1).trim());
                    if (seconds <= 0) {
                        return null;
                    }
                    ttl = ttl.compareTo(Duration.ofSeconds(seconds)) < 0 ? ttl : Duration.ofSeconds(seconds);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return ttl;
    }

    private static BackendResponse answer(CachedResponse cached, String outcome) {
        HttpHeaders headers = new HttpHeaders();
        if (cached.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, cached.contentType());
        }
        headers.setETag(cached.etag());
        headers.set(HttpHeaders.CACHE_CONTROL, cached.cacheControl() != null ? cached.cacheControl()
                : CacheControl.noCache().cachePrivate().getHeaderValue());
        headers.set("X-Cache", outcome);
        return new BackendResponse(200, headers, cached.body());
    }

    static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void count(Route route, String outcome) {
        meters.counter("tta.proxy.cache", "route", route.name(), "outcome", outcome).increment();
    }
}
