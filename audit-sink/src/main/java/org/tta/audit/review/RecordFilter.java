package org.tta.audit.review;

import java.time.Instant;
import java.util.List;

/**
 * Which audit records a reviewer asked for; every field already validated by {@link QueryParameters}. A
 * {@code null} or empty field does not filter.
 *
 * @param sessionId the session
 * @param subject   who acted (the token subject of the actor)
 * @param actions   any of these actions
 * @param severities any of these severities
 * @param from      event time at or after (inclusive)
 * @param to        event time before (exclusive)
 */
public record RecordFilter(String sessionId, String subject, List<String> actions, List<String> severities,
        Instant from, Instant to) {

    public RecordFilter {
        actions = actions == null ? List.of() : List.copyOf(actions);
        severities = severities == null ? List.of() : List.copyOf(severities);
    }

    public static RecordFilter ofSession(String sessionId) {
        return new RecordFilter(sessionId, null, List.of(), List.of(), null, null);
    }

    /** A canonical text of the filter: cursors are bound to it, so a cursor cannot be replayed on other filters. */
    String scope(String endpoint) {
        return endpoint + "|s=" + nullSafe(sessionId) + "|u=" + nullSafe(subject) + "|a=" + String.join(",", actions)
                + "|v=" + String.join(",", severities) + "|f=" + nullSafe(from) + "|t=" + nullSafe(to);
    }

    /** A short description for the access record: which filters were set, with their values (no PHI in them). */
    String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "sessionId", sessionId);
        append(text, "subject", subject);
        append(text, "action", actions.isEmpty() ? null : String.join(",", actions));
        append(text, "severity", severities.isEmpty() ? null : String.join(",", severities));
        append(text, "from", from);
        append(text, "to", to);
        return text.isEmpty() ? "all" : text.toString();
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            if (!text.isEmpty()) {
                text.append('&');
            }
            text.append(name).append('=').append(value);
        }
    }

    private static String nullSafe(Object value) {
        return value == null ? "" : value.toString().replace("|", "||");
    }
}
