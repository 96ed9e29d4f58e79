package org.tta.audit.review;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.tta.audit.review.access.Access;
import org.tta.audit.review.access.AccessLog;
import org.tta.audit.store.StoredAuditRecord;

/**
 * A paged read of the trail in four named steps: decode the cursor, record the access, query, view. The access
 * is recorded before anything is read (see {@link AccessLog}).
 */
@Service
class ReviewReads {

    private final ReviewQueries queries;
    private final RecordViews views;
    private final AccessLog accessLog;
    private final CursorCodec cursors;

    ReviewReads(ReviewQueries queries, RecordViews views, AccessLog accessLog, CursorCodec cursors) {
        this.queries = queries;
        this.views = views;
        this.accessLog = accessLog;
        this.cursors = cursors;
    }

    /** A page of records matching {@code filter}. */
    Page read(String resource, RecordFilter filter, int limit, String cursor, Access.Reader reader, String reason,
            boolean mayReadContent) {
        String scope = filter.scope(resource);
        Position after = cursor == null ? null : cursors.decode(cursor, scope);
        String accessId = accessLog.record(new Access(reader, resource, filter.sessionId(),
                query(filter, limit, cursor), reason));
        // One row more than asked tells whether another page exists, without a count query.
        List<StoredAuditRecord> rows = queries.page(filter, after, limit + 1);
        boolean more = rows.size() > limit;
        List<ReviewRecord> page = (more ? rows.subList(0, limit) : rows).stream()
                .map(row -> views.view(row, mayReadContent)).toList();
        String next = more ? cursors.encode(page.getLast().position(), scope) : null;
        return new Page(page, limit, next, accessId);
    }

    record Page(List<ReviewRecord> records, int limit, String next, String accessId) {
    }

    static Map<String, String> query(RecordFilter filter, int limit, String cursor) {
        return Map.of("filter", filter.describe(), "limit", Integer.toString(limit), "page",
                cursor == null ? "first" : "next");
    }
}
