package org.tta.router.subscription;

import java.util.List;
import java.util.Optional;

import org.tta.router.config.SafetyRouting;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.subscription.Subscription;
import org.tta.schemas.subscription.SubscriptionConfig;
import org.tta.schemas.subscription.SubscriptionRules;

/** The routes every router has from configuration, not from the subscriptions topic. */
public final class BuiltInRoutes {

    public static final String SESSION_PARTICIPANTS = "session-participants";
    public static final String ON_CALL = "on-call-clinicians";
    private static final String OWNER = "event-router";

    private BuiltInRoutes() {
    }

    /** Session events of the given types to {@code tta.deliveries.v1}, for the session's live clients. */
    public static Route sessionParticipants(String deliveriesTopic, List<String> types) {
        Subscription s = new Subscription(SESSION_PARTICIPANTS, OWNER, null, types, null, "kafka://" + deliveriesTopic,
                Subscription.PROTOCOL_KAFKA, null, SubscriptionConfig.DEFAULTS);
        return new Route(s, s.compileFilter(), Route.Input.SESSION_EVENTS, Route.SinkKind.PARTICIPANTS);
    }

    /** Every escalation event (each step) to the on-call clinicians' sink; empty when none is configured. */
    public static Optional<Route> onCall(SafetyRouting safety) {
        if (safety.onCallSink().isBlank()) {
            return Optional.empty();
        }
        String sink = safety.onCallSink();
        Subscription s = new Subscription(ON_CALL, OWNER, null, List.of(EventTypes.SAFETY_ESCALATION), null, sink,
                SubscriptionRules.protocolOf(sink), safety.onCallSecret().isBlank() ? null
                        : new Subscription.SinkCredential(safety.onCallSecret()), SubscriptionConfig.DEFAULTS);
        List<SubscriptionRules.Problem> problems = SubscriptionRules.check(s);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("tta.router.safety.on-call-sink/secret invalid at "
                    + problems.stream().map(SubscriptionRules.Problem::pointer).toList());
        }
        Route.SinkKind kind = Subscription.PROTOCOL_KAFKA.equals(s.protocol()) ? Route.SinkKind.KAFKA
                : Route.SinkKind.WEBHOOK;
        return Optional.of(new Route(s, s.compileFilter(), Route.Input.ESCALATIONS, kind));
    }
}
