package org.tta.gateway.ratelimit;

import org.tta.gateway.identity.Caller;
import org.tta.platform.security.Roles;

/** Decides the therapeutic priority of an authenticated caller. Pure and thread-safe. */
final class PriorityClassifier {

    private PriorityClassifier() {
    }

    /** The class the caller's role alone gives, before any escalation is considered. */
    static PriorityClass byRole(Caller caller) {
        return switch (caller.role()) {
            case Roles.THERAPIST -> PriorityClass.CLINICAL;
            case Roles.PATIENT -> PriorityClass.PARTICIPANT;
            case Caller.SERVICE -> PriorityClass.SERVICE;
            default -> PriorityClass.ADMINISTRATIVE;
        };
    }

    /**
     * Traffic of a session in crisis is clinical: its patient and the services serving it get the
     * clinical budget and are never shed. Reviewers, operators and administrators stay administrative.
     */
    static PriorityClass classify(Caller caller, boolean sessionHasOpenEscalation) {
        PriorityClass byRole = byRole(caller);
        if (sessionHasOpenEscalation && (byRole == PriorityClass.PARTICIPANT || byRole == PriorityClass.SERVICE)) {
            return PriorityClass.CLINICAL;
        }
        return byRole;
    }

    /** Whether an open escalation could change this caller's class (so it is worth looking up). */
    static boolean escalationMatters(Caller caller) {
        PriorityClass byRole = byRole(caller);
        return byRole == PriorityClass.PARTICIPANT || byRole == PriorityClass.SERVICE;
    }
}
