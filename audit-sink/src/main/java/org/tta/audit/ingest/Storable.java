package org.tta.audit.ingest;

import java.util.Arrays;

import org.tta.audit.store.AuditEntry;

/** What PostgreSQL would refuse (or index badly), found before the batch reaches it. */
final class Storable {

    private Storable() {
    }

    /** Why the entry cannot be stored as it is, or {@code null} when it can. */
    static String problem(AuditEntry e) {
        boolean tooLong = Arrays.stream(metadata(e)).anyMatch(v -> v != null && v.length() > EventDecoder.MAX_VALUE_LENGTH);
        if (tooLong) {
            return "a metadata value is longer than " + EventDecoder.MAX_VALUE_LENGTH + " characters";
        }
        boolean nul = Arrays.stream(metadata(e)).anyMatch(v -> v != null && v.indexOf('\u0000') >= 0)
                || e.payloadJson().contains("\\u0000");
        return nul ? "a NUL character in a value (PostgreSQL text and jsonb cannot hold it)" : null;
    }

    private static String[] metadata(AuditEntry e) {
        return new String[] {e.eventType(), e.eventSource(), e.who().subjectId(), e.who().subjectRole(),
                e.who().clientId(), e.what().action(), e.what().resourceType(), e.what().resourceId(),
                e.what().outcome(), e.where().sessionId(), e.where().sourceService(), e.where().clientIp(),
                e.where().traceId(), e.severity(), e.category()};
    }
}
