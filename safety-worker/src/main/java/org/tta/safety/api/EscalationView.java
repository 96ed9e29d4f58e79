package org.tta.safety.api;

import java.time.Instant;

import org.tta.schemas.payload.SafetyEscalation;

/**
 * What the API shows of an escalation: its latest state, folded from its steps on the escalation topic.
 *
 * @param openedAt       when it was opened
 * @param updatedAt      when its latest step happened
 * @param lastStep       the latest step's name
 * @param acknowledgedBy who acknowledged it, or null
 * @param resolvedBy     who resolved it, or null
 * @param route          {@code page} (the on-call clinicians) or {@code review} (the clinical review queue); a step
 *                       written before routes existed is a page
 * @param pagedAt        when a review escalation became a page (its review deadline passed, or the rules escalated in
 *                       its episode), or null
 */
public record EscalationView(String escalationId, String sessionId, String state, String tier, String category,
        int onCallLevel, Instant deadline, String scanEventId, Instant openedAt, Instant updatedAt, String lastStep,
        String acknowledgedBy, String resolvedBy, String route, Instant pagedAt) {

    /** This view after {@code step} (or the first view, when {@code before} is null). */
    static EscalationView fold(EscalationView before, SafetyEscalation step) {
        Instant opened = before == null ? step.occurredAt() : before.openedAt();
        String acknowledgedBy = before == null ? null : before.acknowledgedBy();
        String resolvedBy = before == null ? null : before.resolvedBy();
        Instant pagedAt = before == null ? null : before.pagedAt();
        if (SafetyEscalation.ROUTE_REVIEW.equals(step.previousRoute()) && SafetyEscalation.ROUTE_PAGE.equals(step.routeOrPage())) {
            pagedAt = step.occurredAt();
        }
        if (SafetyEscalation.STEP_ACKNOWLEDGED.equals(step.step())) {
            acknowledgedBy = step.actor();
        } else if (SafetyEscalation.STEP_RESOLVED.equals(step.step())) {
            resolvedBy = step.actor();
        }
        return new EscalationView(step.escalationId(), step.sessionId(), step.state(), step.tier(), step.category(),
                step.onCallLevel(), step.deadline(), step.scanEventId(), opened, step.occurredAt(), step.step(),
                acknowledgedBy, resolvedBy, step.routeOrPage(), pagedAt);
    }
}
