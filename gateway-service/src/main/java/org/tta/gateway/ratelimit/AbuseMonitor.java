package org.tta.gateway.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.web.TracedLog;
import reactor.core.publisher.Mono;

/**
 * Puts an address on the block list after more authentication failures, or more rejections by its
 * IP budget (a flood), than configured within the window. Strikes are counted with token buckets
 * too (a strike takes a token; no token left means the threshold was passed), so they are shared by
 * every instance and fall back to the local limiter like any other budget.
 */
final class AbuseMonitor implements AuthFailureRecorder {

    private static final Logger log = LoggerFactory.getLogger(AbuseMonitor.class);
    static final String AUTH_FAILURES = "auth-failures";
    static final String FLOOD = "flood";

    private final BucketStore buckets;
    private final BlockList blocks;
    private final ClientAddresses addresses;
    private final SharedStateProperties keys;
    private final RateLimitMetrics metrics;
    private final LimitPolicy authFailures;
    private final LimitPolicy floods;
    private final BlockListener listener;

    AbuseMonitor(BucketStore buckets, BlockList blocks, ClientAddresses addresses, SharedStateProperties keys,
                 RateLimitMetrics metrics, RateLimitProperties.BlockPolicy policy, BlockListener listener) {
        this.listener = listener;
        this.buckets = buckets;
        this.blocks = blocks;
        this.addresses = addresses;
        this.keys = keys;
        this.metrics = metrics;
        this.authFailures = new LimitPolicy(AUTH_FAILURES, AUTH_FAILURES,
                Budget.of(policy.authFailures(), policy.authFailures(), policy.authFailureWindow()));
        this.floods = new LimitPolicy(FLOOD, FLOOD, Budget.of(policy.floods(), policy.floods(), policy.floodWindow()));
    }

    @Override
    public Mono<Void> authenticationFailed(ServerWebExchange exchange) {
        return strike(addresses.of(exchange.getRequest()), authFailures);
    }

    /** The address's IP budget just rejected a request. */
    Mono<Void> limited(String address) {
        return strike(address, floods);
    }

    private Mono<Void> strike(String address, LimitPolicy policy) {
        if (ClientAddresses.UNKNOWN.equals(address)) {
            return Mono.empty();
        }
        return buckets.consume(keys.key("ratelimit", "strikes", policy.scope(), address), policy)
                .filter(decision -> !decision.allowed())
                .flatMap(passed -> blocks.block(address))
                .filter(Boolean::booleanValue)
                .flatMap(newlyBlocked -> {
                    metrics.blocked(policy.name());
                    return TracedLog.line(() -> log.warn("Client address {} put on the block list after too many {}",
                            address, policy.name())).then(listener.blocked(address, policy.name()));
                })
                .then()
                .onErrorResume(error -> Mono.empty());
    }
}
