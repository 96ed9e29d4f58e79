package org.tta.audit.review.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.SafetyEscalation;

/**
 * The compliance reports over a period {@code [from, to)} of event time. Each is one fixed SQL statement whose
 * only inputs are bind parameters: the period, then the row cap.
 */
public enum ReportKind {

    /** Calls per client (the OAuth client, else the subject), per action and outcome. */
    API_USAGE("api-usage", List.of("client", "sourceService", "action", "outcome", "count"), """
            select coalesce(client_id, subject_id, '(unknown)') as client, coalesce(source_service, '') as source_service,
                action, coalesce(outcome, '') as outcome, count(*) as count
            from audit_record
            where kind = 'audit_record' and event_time >= ? and event_time < ?
            group by 1, 2, 3, 4
            order by 5 desc, 1, 3, 4
            limit ?
            """),

    /** Refusals and authentication failures: who, from where, what they tried. */
    SECURITY_EVENTS("security-events", List.of("eventTime", "action", "outcome", "subjectId", "subjectRole",
            "clientId", "clientIp", "sessionId", "resourceType", "resourceId", "sourceService"), """
            select event_time, action, outcome, subject_id, subject_role, client_id, client_ip, session_id,
                resource_type, resource_id, source_service
            from audit_record
            where event_time >= ? and event_time < ?
                and (action in ('%s', '%s', '%s') or outcome = '%s')
            order by event_time, seq
            limit ?
            """.formatted(AuditActions.ACCESS_DENIED, AuditActions.AUTH_FAILED, AuditActions.CLIENT_BLOCKED,
            AuditOutcomes.DENIED)),

    /**
     * Escalations raised in the period, with when (if ever) a clinician acknowledged them and how long that took;
     * an acknowledgement after the period still counts. {@code route} is the route it was raised on ({@code page}
     * or {@code review}, ADR 0006; a step without one is a page), {@code pagedAt} when it first went to the on-call
     * clinicians: when raised for a page, the step that made a review a page for a review, null while it is not one
     * (a step whose route is not {@code review} is a page, as the router reads it).
     */
    ESCALATIONS("escalations", List.of("escalationId", "sessionId", "raisedAt", "severity", "category",
            "acknowledgedAt", "acknowledgedBy", "secondsToAcknowledge", "route", "pagedAt"), """
            select r.escalation_id, r.session_id, r.raised_at, r.severity, r.category, a.event_time,
                a.subject_id, extract(epoch from (a.event_time - r.raised_at)), r.route, p.event_time
            from (
                select resource_id as escalation_id, min(session_id) as session_id, min(event_time) as raised_at,
                    (array_agg(severity order by event_time, seq))[1] as severity,
                    (array_agg(category order by event_time, seq))[1] as category,
                    coalesce((array_agg(payload ->> 'route' order by event_time, seq))[1], '%1$s') as route
                from audit_record
                where kind = 'safety_escalation' and event_time >= ? and event_time < ?
                group by resource_id
            ) r
            left join lateral (
                select s.event_time
                from audit_record s
                where s.kind = 'safety_escalation' and s.resource_type = 'safety.escalation'
                    and s.resource_id = r.escalation_id and s.event_time >= r.raised_at
                    and coalesce(s.payload ->> 'route', '%1$s') <> '%2$s'
                order by s.event_time, s.seq
                limit 1
            ) p on true
            left join lateral (
                select s.event_time, s.subject_id
                from audit_record s
                where s.kind = 'safety_escalation' and s.resource_type = 'safety.escalation'
                    and s.resource_id = r.escalation_id and s.event_time >= r.raised_at
                    and (s.outcome = 'acknowledged' or s.action = 'safety.escalation.acknowledged')
                order by s.event_time, s.seq
                limit 1
            ) a on true
            order by r.raised_at, r.escalation_id
            limit ?
            """.formatted(SafetyEscalation.ROUTE_PAGE, SafetyEscalation.ROUTE_REVIEW)),

    /** Consent to recording and review, granted or revoked, per participant and session. */
    CONSENT("consent", List.of("eventTime", "action", "subjectId", "subjectRole", "sessionId", "outcome",
            "sourceService"), """
            select event_time, action, subject_id, subject_role, session_id, outcome, source_service
            from audit_record
            where action in ('%s', '%s') and event_time >= ? and event_time < ?
            order by event_time, seq
            limit ?
            """.formatted(AuditActions.CONSENT_GRANTED, AuditActions.CONSENT_REVOKED));

    private final String path;
    private final List<String> columns;
    private final String sql;

    ReportKind(String path, List<String> columns, String sql) {
        this.path = path;
        this.columns = columns;
        this.sql = sql;
    }

    public String path() {
        return path;
    }

    public List<String> columns() {
        return columns;
    }

    String sql() {
        return sql;
    }

    public static Optional<ReportKind> ofPath(String path) {
        return Arrays.stream(values()).filter(kind -> kind.path.equals(path)).findFirst();
    }
}
