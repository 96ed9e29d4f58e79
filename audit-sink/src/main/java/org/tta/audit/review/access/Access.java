package org.tta.audit.review.access;

import java.util.Map;

/**
 * One read of the audit trail, to be recorded as {@code audit.accessed}: who read what, through which request,
 * and why.
 *
 * @param reader    the caller
 * @param resource  what was read: {@code audit.records}, {@code audit.timeline}, {@code audit.export},
 *                  {@code audit.report}, {@code audit.verify}
 * @param sessionId the session read, or {@code null} for a query across sessions
 * @param query     the request's filters and options, for the record (no PHI: they are ids, actions and times)
 * @param reason    the reason the reader gave; stored verbatim, in clear (the API asks readers not to put PHI in it)
 */
public record Access(Reader reader, String resource, String sessionId, Map<String, String> query, String reason) {

    public Access {
        query = Map.copyOf(query);
    }

    /**
     * Who read.
     *
     * @param subjectId the token subject
     * @param role      the role that allowed the read ({@code clinical_reviewer} or {@code ops})
     * @param clientId  the OAuth client ({@code azp}), if the token names one
     * @param clientIp  the caller's address
     * @param traceId   the request's trace id, if traced
     */
    public record Reader(String subjectId, String role, String clientId, String clientIp, String traceId) {
    }
}
