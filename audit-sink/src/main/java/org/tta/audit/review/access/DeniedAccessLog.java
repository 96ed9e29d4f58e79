package org.tta.audit.review.access;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.RecordKind;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a forbidden attempt to read the audit trail ({@code access.denied}, outcome {@code denied}) by a caller
 * with a valid token but neither reviewer role, for the security-events report. Only authenticated callers are
 * recorded (an anonymous flood must not turn into database writes); a failure to record is logged and the caller
 * still gets the 403.
 */
@Component
public class DeniedAccessLog {

    private static final Logger log = LoggerFactory.getLogger(DeniedAccessLog.class);
    private static final URI SOURCE = URI.create("/tta/audit-sink");

    private final AuditRecordStore store;
    private final JsonMapper json;

    DeniedAccessLog(AuditRecordStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    public void denied(HttpServletRequest request, Authentication caller) {
        if (caller == null || !caller.isAuthenticated()) {
            return;
        }
        String roles = String.join(",", caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("method", request.getMethod());
        payload.put("path", request.getRequestURI());
        payload.put("roles", roles);
        AuditEntry entry = new AuditEntry(EventIds.newId(), EventTypes.AUDIT_RECORD, SOURCE.toString(),
                RecordKind.AUDIT_RECORD, Instant.now(),
                new AuditEntry.Who(caller.getName(), roles.isEmpty() ? null : roles.split(",")[0], null),
                new AuditEntry.What(AuditActions.ACCESS_DENIED, "audit.trail", "api", AuditOutcomes.DENIED),
                new AuditEntry.Where(null, JdbcAccessLog.SERVICE, request.getRemoteAddr(), null),
                null, null, json.writeValueAsString(payload), Map.of(), null);
        try {
            store.append(List.of(entry));
        } catch (RuntimeException e) {
            log.warn("Could not record a forbidden read of the audit trail: {}", e.getClass().getName());
        }
    }
}
