package org.tta.gateway.proxy.route;

/** A request path matched to a route: the route, the prefix that matched and the backend path. */
public record RouteMatch(Route route, String prefix, String backendPath) {
}
