package org.tta.audit.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tta.audit.phi.ContentAccess;
import org.tta.audit.phi.ContentDecryptor;
import org.tta.audit.phi.DecryptedContent;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.StoredAuditRecord;

/**
 * The reviewer read API: one session's audit trail in stored order, paged by {@code seq}.
 * Clinical reviewers see the content (decrypted here); operators see the same records without it (it is never
 * decrypted for them). Who may call at all is decided by the security configuration.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditRecordsController {

    /** The session id rule of the schemas ({@code common.v1.json#/$defs/sessionId}). */
    static final String SESSION_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";
    static final int MAX_LIMIT = 500;

    private final AuditRecordStore store;
    private final ContentDecryptor decryptor;

    AuditRecordsController(AuditRecordStore store, ContentDecryptor decryptor) {
        this.store = store;
        this.decryptor = decryptor;
    }

    @GetMapping(path = "/records", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditRecordsPage records(
            @RequestParam @Pattern(regexp = SESSION_ID) String sessionId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit,
            @RequestParam(defaultValue = "0") @PositiveOrZero long after,
            Authentication caller) {
        // One row more than asked tells whether another page exists, without a count query.
        List<StoredAuditRecord> rows = store.session(sessionId, after, limit + 1);
        boolean more = rows.size() > limit;
        List<StoredAuditRecord> page = more ? rows.subList(0, limit) : rows;
        boolean withContent = ContentAccess.mayReadContent(caller);
        return new AuditRecordsPage(page.stream()
                .map(r -> AuditRecordView.of(r, withContent ? decryptor.decrypt(r).map(DecryptedContent::text).orElse(null) : null))
                .toList(), more ? page.getLast().seq() : null);
    }
}
