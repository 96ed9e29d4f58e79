package org.tta.audit.review;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tta.audit.phi.ContentDecryptor;
import org.tta.audit.phi.ContentUnavailableException;
import org.tta.audit.phi.DecryptedContent;
import org.tta.audit.store.StoredAuditRecord;

/**
 * Turns stored rows into what a caller may see: clinical reviewers get the message text decrypted; everyone
 * else gets {@code contentState=withheld} and the decryptor is never called for them.
 */
@Component
class RecordViews {

    private static final Logger log = LoggerFactory.getLogger(RecordViews.class);

    private final ContentDecryptor decryptor;

    RecordViews(ContentDecryptor decryptor) {
        this.decryptor = decryptor;
    }

    ReviewRecord view(StoredAuditRecord r, boolean mayReadContent) {
        String state;
        String content = null;
        if (!r.hasContent()) {
            state = "none";
        } else if (!mayReadContent) {
            state = "withheld";
        } else {
            try {
                Optional<DecryptedContent> text = decryptor.decrypt(r);
                content = text.map(DecryptedContent::text).orElse(null);
                state = content == null ? "none" : "shown";
            } catch (ContentUnavailableException e) {
                // One unreadable row must not hide the rest of the trail; the reviewer sees that it is unreadable.
                log.warn("Could not decrypt the content of audit record {} (seq {}): {}", r.eventId(), r.seq(),
                        e.getMessage());
                state = "unreadable";
            }
        }
        return new ReviewRecord(r.eventId(), r.seq(), r.kind(), Lanes.of(r.kind(), r.action()), r.eventType(),
                r.eventSource(), r.eventTime(), r.storedAt(), r.subjectId(), r.subjectRole(), r.clientId(),
                r.action(), r.resourceType(), r.resourceId(), r.outcome(), r.sessionId(), r.sourceService(),
                r.clientIp(), r.traceId(), r.severity(), r.category(), r.payloadJson(), state, content);
    }
}
