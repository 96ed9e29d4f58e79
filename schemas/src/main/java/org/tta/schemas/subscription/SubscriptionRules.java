package org.tta.schemas.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a subscription before it is stored (gateway) and when it is materialized (router).
 * Problems name fields, never values: a sink URL or a secret must not reach an error body or a log.
 */
public final class SubscriptionRules {

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final int MAX_TYPES = 50;

    private SubscriptionRules() {
    }

    /** One problem: where (a JSON pointer) and what; {@code unsupported} for dialects and sink schemes. */
    public record Problem(String pointer, String message, boolean unsupported) {
    }

    public static List<Problem> check(Subscription s) {
        List<Problem> problems = new ArrayList<>();
        checkSink(s, problems);
        if (s.types().size() > MAX_TYPES) {
            problems.add(new Problem("/types", "at most " + MAX_TYPES + " types", false));
        }
        if (s.types().stream().anyMatch(t -> t == null || t.isBlank())) {
            problems.add(new Problem("/types", "types must be non-empty strings", false));
        }
        try {
            Filters.compileAll(s.filters());
        } catch (UnsupportedFilterException e) {
            problems.add(new Problem("/filters" + e.pointer(), e.getMessage(), true));
        }
        checkConfig(s.config(), problems);
        return problems;
    }

    /** The sink's scheme in lower case, or null when the sink is not an absolute URI. */
    public static String scheme(String sink) {
        try {
            URI uri = new URI(sink);
            return uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException | NullPointerException e) {
            return null;
        }
    }

    /** The topic of a {@code kafka://<topic>} sink. */
    public static String kafkaTopic(String sink) {
        return URI.create(sink).getAuthority();
    }

    /** The protocol a sink implies. */
    public static String protocolOf(String sink) {
        return "kafka".equals(scheme(sink)) ? Subscription.PROTOCOL_KAFKA : Subscription.PROTOCOL_HTTP;
    }

    private static void checkSink(Subscription s, List<Problem> problems) {
        if (s.sink() == null || s.sink().isBlank()) {
            problems.add(new Problem("/sink", "sink is required", false));
            return;
        }
        String scheme = scheme(s.sink());
        if (scheme == null || !Subscription.SINK_SCHEMES.contains(scheme)) {
            problems.add(new Problem("/sink", "unsupported sink scheme; supported: kafka, https, http", true));
            return;
        }
        if (s.protocol() != null && !s.protocol().equals(protocolOf(s.sink()))) {
            problems.add(new Problem("/protocol", "protocol must be " + protocolOf(s.sink()) + " for this sink", true));
        }
        if (scheme.equals("kafka")) {
            String topic = kafkaTopic(s.sink());
            if (topic == null || !TOPIC.matcher(topic).matches() || !("kafka://" + topic).equals(s.sink())) {
                problems.add(new Problem("/sink", "a Kafka sink is kafka://<topic>", false));
            }
        } else {
            URI uri = URI.create(s.sink());
            if (uri.getHost() == null || uri.getUserInfo() != null) {
                problems.add(new Problem("/sink", "a webhook sink needs a host and no user info", false));
            }
            if (s.sinkcredential() == null || !validSecret(s.sinkcredential().secret())) {
                problems.add(new Problem("/sinkcredential/secret",
                        "a webhook needs a secret: whsec_ then base64 of 24 to 64 bytes", false));
            }
        }
    }

    private static void checkConfig(SubscriptionConfig config, List<Problem> problems) {
        if (config.ordering() != null && !List.of(SubscriptionConfig.ORDERED, SubscriptionConfig.UNORDERED)
                .contains(config.ordering())) {
            problems.add(new Problem("/config/ordering", "ordered or unordered", false));
        }
        if (config.maxConcurrency() != null && (config.maxConcurrency() < 1 || config.maxConcurrency() > 256)) {
            problems.add(new Problem("/config/maxConcurrency", "1 to 256", false));
        }
        if (config.ratePerSecond() != null && (config.ratePerSecond() < 1 || config.ratePerSecond() > 100_000)) {
            problems.add(new Problem("/config/ratePerSecond", "1 to 100000", false));
        }
        DeliveryPolicy d = config.delivery();
        if (d == null) {
            return;
        }
        if (d.retry() != null && (d.retry() < 0 || d.retry() > 100)) {
            problems.add(new Problem("/config/delivery/retry", "0 to 100", false));
        }
        if (d.backoffPolicy() != null && !List.of(DeliveryPolicy.EXPONENTIAL, DeliveryPolicy.LINEAR)
                .contains(d.backoffPolicy())) {
            problems.add(new Problem("/config/delivery/backoffPolicy", "exponential or linear", false));
        }
        positive(d.backoffDelay(), "/config/delivery/backoffDelay", problems);
        positive(d.maxBackoff(), "/config/delivery/maxBackoff", problems);
        positive(d.timeout(), "/config/delivery/timeout", problems);
        positive(d.retryAfterMax(), "/config/delivery/retryAfterMax", problems);
        if (d.deadLetterSink() != null && (!"kafka".equals(scheme(d.deadLetterSink()))
                || !TOPIC.matcher(String.valueOf(kafkaTopic(d.deadLetterSink()))).matches())) {
            problems.add(new Problem("/config/delivery/deadLetterSink", "a dead-letter sink is kafka://<topic>", true));
        }
    }

    private static void positive(Duration value, String pointer, List<Problem> problems) {
        if (value != null && (value.isNegative() || value.isZero() || value.compareTo(Duration.ofHours(1)) > 0)) {
            problems.add(new Problem(pointer, "a positive ISO-8601 duration of at most one hour", false));
        }
    }

    private static boolean validSecret(String secret) {
        if (secret == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
            return length >= 24 && length <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
