package org.tta.schemas.subscription;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A subscription as the CloudEvents Subscriptions API describes it, with the TTA extensions in
 * {@code config}. This is the value of a {@code tta.subscriptions.v1} record (key = {@code id});
 * a tombstone deletes it. {@code sinkcredential} is write-only: the API never returns it.
 *
 * @param id             the subscription id
 * @param owner          who created it (token subject or client id); only the owner sees it
 * @param source         events must have this {@code source}; null for any
 * @param types          events must have one of these types; null or empty for any
 * @param filters        filter expressions, all of which must match (see {@link Filters})
 * @param sink           {@code kafka://<topic>}, {@code https://...} or (where allowed) {@code http://...}
 * @param protocol       {@code HTTP} or {@code KAFKA}; implied by the sink's scheme
 * @param sinkcredential the webhook signing secret; null for Kafka sinks
 * @param config         ordering, delivery policy, concurrency and rate limit; null for the defaults
 */
public record Subscription(String id, String owner, String source, List<String> types, JsonNode filters, String sink,
        String protocol, SinkCredential sinkcredential, SubscriptionConfig config) {

    public static final String PROTOCOL_HTTP = "HTTP";
    public static final String PROTOCOL_KAFKA = "KAFKA";
    public static final Set<String> SINK_SCHEMES = Set.of("kafka", "https", "http");

    public Subscription {
        types = types == null ? List.of() : List.copyOf(types);
        config = config == null ? SubscriptionConfig.DEFAULTS : config;
    }

    /** The filter of the whole subscription: {@code source}, {@code types} and every filter. */
    public Filter compileFilter() {
        Filter filters = Filters.compileAll(this.filters);
        String wantedSource = source;
        Set<String> wantedTypes = Set.copyOf(types);
        return event -> (wantedSource == null || wantedSource.equals(event.getSource().toString()))
                && (wantedTypes.isEmpty() || wantedTypes.contains(event.getType()))
                && filters.matches(event);
    }

    /** This subscription without its credential, as the API shows it. */
    public Subscription withoutCredential() {
        return new Subscription(id, owner, source, types, filters, sink, protocol, null, config);
    }

    public Subscription withIdAndOwner(String newId, String newOwner) {
        return new Subscription(newId, newOwner, source, types, filters, sink, protocol, sinkcredential, config);
    }

    public Subscription withProtocol(String newProtocol) {
        return new Subscription(id, owner, source, types, filters, sink, newProtocol, sinkcredential, config);
    }

    @Override
    public String toString() {
        return "Subscription[id=" + id + ", owner=" + owner + ", types=" + types + ", sink=" + sink + ", protocol="
                + protocol + ", sinkcredential=" + (sinkcredential == null ? "none" : "***") + ", config=" + config + "]";
    }

    /**
     * The webhook signing secret (Standard Webhooks: {@code whsec_} then base64 of 24 to 64 random bytes).
     *
     * @param secret the secret; never logged, never returned by the API
     */
    public record SinkCredential(String secret) {
        @Override
        public String toString() {
            return "SinkCredential[***]";
        }
    }
}
