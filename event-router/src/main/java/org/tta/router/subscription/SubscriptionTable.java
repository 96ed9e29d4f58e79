package org.tta.router.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.cloudevents.CloudEvent;

/**
 * The routes of this instance: built-in ones from configuration plus every service subscription
 * materialized from {@code tta.subscriptions.v1}. Thread-safe: the feed thread writes, the
 * routing loop reads; a change is visible to the next record routed.
 */
public final class SubscriptionTable {

    private final List<Route> builtIn;
    private final Map<String, Route> services = new ConcurrentHashMap<>();
    private final List<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();

    public SubscriptionTable(List<Route> builtIn) {
        this.builtIn = List.copyOf(builtIn);
    }

    /** Every route whose filter matches, built-in routes first. */
    public List<Route> match(Route.Input input, CloudEvent event) {
        List<Route> matches = new ArrayList<>(2);
        for (Route route : builtIn) {
            if (route.matches(input, event)) {
                matches.add(route);
            }
        }
        for (Route route : services.values()) {
            if (route.matches(input, event)) {
                matches.add(route);
            }
        }
        return matches;
    }

    void put(Route route) {
        services.put(route.id(), route);
    }

    void remove(String id) {
        if (services.remove(id) != null) {
            removalListeners.forEach(listener -> listener.accept(id));
        }
    }

    /** Called with the id of each removed subscription (to drop its breaker and limits). */
    public void onRemoval(Consumer<String> listener) {
        removalListeners.add(listener);
    }

    /** The materialized service subscription with this id, if any. */
    public java.util.Optional<Route> get(String id) {
        return java.util.Optional.ofNullable(services.get(id));
    }

    public int size() {
        return services.size();
    }
}
