package org.tta.audit.review;

import org.tta.schemas.payload.AuditActions;

/** Sorts a record onto a timeline lane by its kind and action, so the page can highlight safety events. */
final class Lanes {

    private Lanes() {
    }

    static String of(String kind, String action) {
        if ("safety_verdict".equals(kind)) {
            return "verdict";
        }
        if ("safety_escalation".equals(kind) || (action != null && action.startsWith("safety.escalat"))) {
            return "escalation";
        }
        if (action == null) {
            return "other";
        }
        if (action.equals(AuditActions.AUDIT_ACCESSED) || action.startsWith("audit.")) {
            return "access";
        }
        if (action.startsWith("consent.")) {
            return "consent";
        }
        if (action.equals(AuditActions.MESSAGE_POSTED) || action.equals(AuditActions.EVENT_PUBLISHED)) {
            return "message";
        }
        if (action.startsWith("session.")) {
            return "session";
        }
        if (action.startsWith("access.") || action.startsWith("auth.") || action.startsWith("security.")) {
            return "security";
        }
        return "other";
    }
}
