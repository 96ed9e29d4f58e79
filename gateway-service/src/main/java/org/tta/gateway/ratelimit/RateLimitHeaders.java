package org.tta.gateway.ratelimit;

import org.springframework.http.HttpHeaders;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} response fields of the IETF httpapi draft
 * (draft-ietf-httpapi-ratelimit-headers), as structured-field lists: one item per policy that
 * applied, e.g. {@code "user";q=300;w=150} and {@code "user";r=42;t=17}. {@code q} is the bucket's
 * capacity, {@code w} the seconds it takes to refill from empty, {@code r} the tokens left and
 * {@code t} the seconds until the bucket is full again (when rejected: until the next token).
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String STATE = "RateLimit";

    private RateLimitHeaders() {
    }

    static String policyItem(LimitPolicy policy) {
        return string(policy.name()) + ";q=" + policy.budget().capacity() + ";w=" + policy.budget().windowSeconds();
    }

    static String stateItem(Decision decision) {
        return string(decision.policy().name()) + ";r=" + decision.remaining() + ";t=" + decision.resetSeconds();
    }

    /** Appends the decision's policy to both fields (one field line each, items comma-separated). */
    static void apply(HttpHeaders headers, Decision decision) {
        append(headers, POLICY, policyItem(decision.policy()));
        append(headers, STATE, stateItem(decision));
    }

    private static void append(HttpHeaders headers, String name, String item) {
        String existing = headers.getFirst(name);
        headers.set(name, existing == null || existing.isEmpty() ? item : existing + ", " + item);
    }

    /** An sf-string (RFC 9651): printable ASCII in quotes, with backslash and quote escaped. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                continue;
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
