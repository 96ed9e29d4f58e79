package org.tta.gateway.proxy;

import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.proxy.aggregate.CompositeHandler;
import org.tta.gateway.proxy.route.ReservedPaths;
import org.tta.gateway.proxy.route.RouteTable;
import reactor.core.publisher.Mono;

/**
 * Maps a request to a composite or a proxy route. Ordered after the annotated controllers (order 0)
 * and before static resources, and it never maps a reserved path, so a route can never shadow an
 * API the gateway serves itself.
 */
final class ProxyHandlerMapping extends AbstractHandlerMapping {

    static final int ORDER = 10;

    private final RouteTable routes;
    private final ProxyHandler proxy;
    private final CompositeHandler composite;

    ProxyHandlerMapping(RouteTable routes, ProxyHandler proxy, CompositeHandler composite) {
        this.routes = routes;
        this.proxy = proxy;
        this.composite = composite;
        setOrder(ORDER);
    }

    @Override
    protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
        String path = exchange.getRequest().getURI().getRawPath();
        if (path == null || !path.startsWith("/api/") || ReservedPaths.isReserved(path)) {
            return Mono.empty();
        }
        var snapshot = routes.routes();
        var compositeMatch = snapshot.composite(path);
        if (compositeMatch.isPresent()) {
            exchange.getAttributes().put(CompositeHandler.MATCH, compositeMatch.get());
            return Mono.just(composite);
        }
        return Mono.justOrEmpty(snapshot.match(path)).map(match -> {
            exchange.getAttributes().put(ProxyHandler.MATCH, match);
            return proxy;
        });
    }
}
