package org.tta.gateway.ratelimit;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tta.gateway.identity.ClientAddress;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Mono;

/**
 * The first line, before authentication (so floods of unauthenticated requests are turned away
 * before any token is verified): refuses blocked addresses with 403, and takes one token from the
 * client address's bucket, answering 429 when it is empty and counting that towards a block.
 */
final class IpLimitFilter implements WebFilter, Ordered {

    /** Before Spring Security's WebFilterChainProxy (-100). */
    static final int ORDER = -150;

    private final LimitPolicies policies;
    private final ClientAddresses addresses;
    private final BlockList blocks;
    private final BucketStore buckets;
    private final AbuseMonitor abuse;
    private final RateLimitResponses responses;
    private final RateLimitMetrics metrics;
    private final SharedStateProperties keys;

    IpLimitFilter(LimitPolicies policies, ClientAddresses addresses, BlockList blocks, BucketStore buckets,
                  AbuseMonitor abuse, RateLimitResponses responses, RateLimitMetrics metrics, SharedStateProperties keys) {
        this.policies = policies;
        this.addresses = addresses;
        this.blocks = blocks;
        this.buckets = buckets;
        this.abuse = abuse;
        this.responses = responses;
        this.metrics = metrics;
        this.keys = keys;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (policies.isExempt(request)) {
            return chain.filter(exchange);
        }
        String address = addresses.of(request);
        if (!ClientAddresses.UNKNOWN.equals(address)) {
            exchange.getAttributes().put(ClientAddress.RESOLVED, address);
        }
        return blocks.isBlocked(address).flatMap(blocked -> {
            if (blocked) {
                metrics.refusedBlocked();
                return responses.blocked(exchange);
            }
            return buckets.consume(keys.key("ratelimit", LimitPolicies.IP, address), policies.ip()).flatMap(decision -> {
                RateLimitHeaders.apply(exchange.getResponse().getHeaders(), decision);
                if (decision.allowed()) {
                    return chain.filter(exchange);
                }
                metrics.limited(LimitPolicies.IP, "none");
                return abuse.limited(address).then(responses.limited(exchange, decision));
            });
        });
    }
}
