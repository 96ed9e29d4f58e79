package org.tta.gateway.proxy.discovery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.proxy.ProxyProperties;
import org.tta.gateway.proxy.balance.Instance;
import org.tta.gateway.proxy.route.BackendUris;
import org.tta.gateway.proxy.route.Route;
import org.tta.gateway.proxy.route.RouteTable;
import org.tta.gateway.redis.PeriodicRefresh;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instances of each backend service: the static ones of the route configuration plus those that
 * registered themselves in Redis with a TTL heartbeat. Registrations are re-read every
 * {@code refresh-interval}; an instance is dropped as soon as its {@code expiresAt} passes (checked on
 * every lookup, so within its TTL, whatever the refresh interval), and its field is deleted from the
 * hash on the next refresh. Without Redis ({@code tta.redis.store=in-memory}) registrations live in
 * this instance only. Lookups never touch Redis.
 */
public final class InstanceRegistry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InstanceRegistry.class);

    private final ReactiveStringRedisTemplate redis;
    private final SharedStateProperties keys;
    private final RouteTable routes;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Map<String, Registration>> registered = new ConcurrentHashMap<>();
    private final Disposable refresh;

    public InstanceRegistry(ReactiveStringRedisTemplate redis, SharedStateProperties keys, RouteTable routes,
                            JsonMapper json, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.routes = routes;
        this.json = json;
        this.clock = clock;
        ProxyProperties.Discovery discovery = routes.routes().properties().discovery();
        this.refresh = redis == null || !discovery.enabled() ? null
                : PeriodicRefresh.every(Duration.ZERO, discovery.refreshInterval(), Schedulers.parallel(), log,
                        "Instance registrations", this::refreshAll);
    }

    /** The instances of a route's service that have not expired. */
    public List<Instance> instances(Route route) {
        Instant now = clock.instant();
        List<Instance> all = new ArrayList<>();
        for (URI uri : route.spec().instances()) {
            all.add(Instance.ofStatic(route.service(), uri));
        }
        registered.getOrDefault(route.service(), Map.of()).forEach((id, registration) -> {
            Instance instance = toInstance(route.service(), id, registration);
            if (instance != null && !instance.expired(now)) {
                all.add(instance);
            }
        });
        return all;
    }

    /** Stores (or renews) a registration; answers when Redis has it. */
    public Mono<Registration> register(String service, String id, URI url, Duration ttl, Map<String, String> dependencies) {
        BackendUris.require("url", url);
        ProxyProperties.Discovery discovery = routes.routes().properties().discovery();
        Duration effective = ttl == null ? discovery.defaultTtl() : (ttl.compareTo(discovery.maxTtl()) > 0 ? discovery.maxTtl() : ttl);
        Registration registration = new Registration(url.toString(), clock.millis() + effective.toMillis(), dependencies);
        Mono<Boolean> stored = redis == null ? Mono.just(true)
                : redis.opsForHash().put(key(service), id, json.writeValueAsString(registration))
                .then(redis.expire(key(service), discovery.maxTtl().multipliedBy(2)));
        return stored.doOnSuccess(ok -> registered.computeIfAbsent(service, s -> new ConcurrentHashMap<>()).put(id, registration))
                .thenReturn(registration);
    }

    public Mono<Void> deregister(String service, String id) {
        Mono<Long> removed = redis == null ? Mono.just(1L) : redis.opsForHash().remove(key(service), id);
        return removed.doOnSuccess(n -> registered.getOrDefault(service, new ConcurrentHashMap<>()).remove(id)).then();
    }

    /** The Redis hash of a service's registrations. */
    public String key(String service) {
        return keys.key("proxy", "instances", service);
    }

    private Mono<Void> refreshAll() {
        Collection<String> services = routes.routes().byName().values().stream().map(Route::service).distinct().toList();
        return Flux.fromIterable(services).concatMap(this::refresh).then();
    }

    private Mono<Void> refresh(String service) {
        long now = clock.millis();
        return redis.<String, String>opsForHash().entries(key(service)).collectList().flatMap(entries -> {
            Map<String, Registration> live = new ConcurrentHashMap<>();
            List<Object> expired = new ArrayList<>();
            for (Map.Entry<String, String> entry : entries) {
                Registration registration = parse(entry.getValue());
                if (registration == null || registration.expiresAt() <= now) {
                    expired.add(entry.getKey());
                } else {
                    live.put(entry.getKey(), registration);
                }
            }
            registered.put(service, live);
            return expired.isEmpty() ? Mono.empty() : redis.opsForHash().remove(key(service), expired.toArray()).then();
        });
    }

    private Registration parse(String value) {
        try {
            return json.readValue(value, Registration.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instance toInstance(String service, String id, Registration registration) {
        try {
            URI uri = BackendUris.require("url", URI.create(registration.url()));
            return new Instance(service, id, uri, "registered",
                    registration.degraded() ? Instance.Health.DEGRADED : Instance.Health.UP,
                    registration.dependencies(), Instant.ofEpochMilli(registration.expiresAt()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        if (refresh != null) {
            refresh.dispose();
        }
    }
}
