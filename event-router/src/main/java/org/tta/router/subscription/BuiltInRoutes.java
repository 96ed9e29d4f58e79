package org.tta.router.subscription;

import java.util.List;
import java.util.Optional;

import org.tta.router.config.SafetyRouting;
import org.tta.router.safety.EscalationRoute;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.subscription.Filter;
import org.tta.schemas.subscription.Subscription;
import org.tta.schemas.subscription.SubscriptionConfig;
import org.tta.schemas.subscription.SubscriptionRules;

/** The routes every router has from configuration, not from the subscriptions topic. */
public final class BuiltInRoutes {

    public static final String SESSION_PARTICIPANTS = "session-participants";
    public static final String ON_CALL = "on-call-clinicians";
    public static final String CLINICAL_REVIEW = "clinical-review-queue";
    private static final String OWNER = "event-router";

    private BuiltInRoutes() {
    }

    /** Session events of the given types to {@code tta.deliveries.v1}, for the session's live clients. */
    public static Route sessionParticipants(String deliveriesTopic, List<String> types) {
        Subscription s = new Subscription(SESSION_PARTICIPANTS, OWNER, null, types, null, "kafka://" + deliveriesTopic,
                Subscription.PROTOCOL_KAFKA, null, SubscriptionConfig.DEFAULTS);
        return new Route(s, s.compileFilter(), Route.Input.SESSION_EVENTS, Route.SinkKind.PARTICIPANTS);
    }

    /**
     * Every escalation step on the page route (steps without a route included) to the on-call clinicians' sink; empty
     * when none is configured. Steps on the review route go there only while no review sink is configured
     * ({@link #reviewFallsBackToOnCall}): a review step must reach some clinician rather than nobody.
     */
    public static Optional<Route> onCall(SafetyRouting safety) {
        Filter steps = reviewFallsBackToOnCall(safety) ? Filter.ALWAYS : EscalationRoute::isPage;
        return escalations(ON_CALL, safety.onCallSink(), safety.onCallSecret(), "on-call", steps);
    }

    /** Whether review steps go to the on-call sink because no clinical review sink is configured. */
    public static boolean reviewFallsBackToOnCall(SafetyRouting safety) {
        return safety.reviewSink().isBlank();
    }

    /**
     * Every escalation step on the review route (raises of the statistical signal alone) to the clinical review
     * queue's sink; empty when none is configured. The step that makes a review a page is on the page route.
     */
    public static Optional<Route> clinicalReview(SafetyRouting safety) {
        return escalations(CLINICAL_REVIEW, safety.reviewSink(), safety.reviewSecret(), "review",
                EscalationRoute::isReview);
    }

    private static Optional<Route> escalations(String id, String sink, String secret, String setting, Filter route) {
        if (sink.isBlank()) {
            return Optional.empty();
        }
        Subscription s = new Subscription(id, OWNER, null, List.of(EventTypes.SAFETY_ESCALATION), null, sink,
                SubscriptionRules.protocolOf(sink), secret.isBlank() ? null : new Subscription.SinkCredential(secret),
                SubscriptionConfig.DEFAULTS);
        List<SubscriptionRules.Problem> problems = SubscriptionRules.check(s);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("tta.router.safety." + setting + "-sink/secret invalid at "
                    + problems.stream().map(SubscriptionRules.Problem::pointer).toList());
        }
        Route.SinkKind kind = Subscription.PROTOCOL_KAFKA.equals(s.protocol()) ? Route.SinkKind.KAFKA
                : Route.SinkKind.WEBHOOK;
        Filter subscribed = s.compileFilter();
        return Optional.of(new Route(s, event -> subscribed.matches(event) && route.matches(event),
                Route.Input.ESCALATIONS, kind));
    }
}
