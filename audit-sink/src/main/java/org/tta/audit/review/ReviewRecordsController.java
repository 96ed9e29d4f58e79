package org.tta.audit.review;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewer read API: records across sessions by filter, and one session's timeline, both paged by an opaque
 * signed cursor in the order (event time, seq). Every call needs a {@code reason} and is itself recorded as
 * {@code audit.accessed}. Clinical reviewers see message text; operators see the same records without it. Who may
 * call at all is decided by the security configuration.
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class ReviewRecordsController {

    static final Set<String> RECORD_PARAMETERS = Set.of("sessionId", "subject", "action", "severity", "from", "to",
            "limit", "cursor", "reason");
    static final Set<String> TIMELINE_PARAMETERS = Set.of("limit", "cursor", "reason");

    private final ReviewReads reads;
    private final ReviewProperties properties;

    ReviewRecordsController(ReviewReads reads, ReviewProperties properties) {
        this.reads = reads;
        this.properties = properties;
    }

    @GetMapping("/records")
    ReviewPage records(HttpServletRequest request, Authentication caller) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), RECORD_PARAMETERS);
        RecordFilter filter = parameters.filter(Severities.KNOWN);
        int limit = parameters.limit(properties.defaultPageSize(), properties.maxPageSize());
        String cursor = parameters.cursor();
        String reason = parameters.reason();
        parameters.validate();
        ReviewReads.Page page = reads.read("audit.records", filter, limit, cursor, Readers.of(caller, request),
                reason, Readers.mayReadContent(caller));
        return new ReviewPage(page.records(), page.limit(), page.next(), page.accessId());
    }

    @GetMapping("/sessions/{id}/timeline")
    TimelinePage timeline(@PathVariable("id") String id, HttpServletRequest request, Authentication caller) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), TIMELINE_PARAMETERS);
        String sessionId = parameters.pathSessionId(id);
        int limit = parameters.limit(properties.defaultPageSize(), properties.maxPageSize());
        String cursor = parameters.cursor();
        String reason = parameters.reason();
        parameters.validate();
        ReviewReads.Page page = reads.read("audit.timeline", RecordFilter.ofSession(sessionId), limit, cursor,
                Readers.of(caller, request), reason, Readers.mayReadContent(caller));
        return new TimelinePage(sessionId, page.records(), page.limit(), page.next(), page.accessId());
    }
}
